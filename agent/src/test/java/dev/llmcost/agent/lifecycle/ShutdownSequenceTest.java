package dev.llmcost.agent.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.agent.call.CallRecord;
import dev.llmcost.agent.call.LlmCall;
import dev.llmcost.agent.call.Outcome;
import dev.llmcost.agent.provider.Api;
import dev.llmcost.agent.provider.Endpoint;
import dev.llmcost.agent.telemetry.Telemetry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ShutdownSequenceTest {
  private final List<CallRecord> settled = new CopyOnWriteArrayList<>();
  private final Telemetry telemetry = Telemetry.start(
      Map.of("otel.traces.exporter", "none", "otel.metrics.exporter", "none"));

  private LlmCall runningCall(AtomicInteger cancels) {
    LlmCall call = new LlmCall(new Endpoint("openai", Api.OPENAI_CHAT_COMPLETIONS, true), "h", 443,
        false, null, settled::add);
    call.setCancel(cancels::incrementAndGet);
    call.onResponseHeaders(200, null);
    return call;
  }

  @Test
  void withCancellationOffRunningCallsAreLeftAloneAndReportedAbandonedAfterTheGracePeriod() {
    AtomicInteger cancels = new AtomicInteger();
    runningCall(cancels);
    AtomicInteger reports = new AtomicInteger();
    new ShutdownSequence(false, 300, telemetry::shutdown, reports::incrementAndGet, () -> true).run();
    assertEquals(0, cancels.get(), "not cancelled");
    assertEquals(Outcome.ABANDONED, settled.get(0).outcome());
    assertEquals(1, reports.get(), "the report runs after every call is reported");
  }

  /** Nobody will read it, so waiting for it spent the grace and left none to report or flush. */
  @Test
  void withCancellationOffACallAnsweredButUnreadIsNotWaitedForAndIsReportedAbandoned() {
    LlmCall unread = new LlmCall(new Endpoint("openai", Api.OPENAI_CHAT_COMPLETIONS, true), "h",
        443, false, null, settled::add);
    unread.onResponseHeaders(200, null);
    unread.onComplete(); // the answer is in; the application's future is never read
    AtomicInteger reports = new AtomicInteger();
    long start = System.nanoTime();
    try (dev.llmcost.agent.pricing.AgentLogCapture log = new dev.llmcost.agent.pricing.AgentLogCapture()) {
      new ShutdownSequence(false, 3000, telemetry::shutdown, reports::incrementAndGet, () -> true)
          .run();
      assertTrue(log.lines().stream().anyMatch(l -> l.contains("1 LLM call(s) unfinished or unread")),
          log.lines().toString());
      assertTrue(log.lines().stream().noneMatch(l -> l.contains("held up")), log.lines().toString());
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis < 1500, "the exit waited " + millis + " ms for a call nobody reads");
    assertEquals(Outcome.ABANDONED, settled.get(0).outcome());
    assertEquals(1, reports.get());
  }

  @Test
  void aCallAlreadyConsumedAndOnItsWayToTheReportIsNotCountedAsEndedByTheExit() {
    LlmCall consumed = new LlmCall(new Endpoint("openai", Api.OPENAI_CHAT_COMPLETIONS, true), "h",
        443, true, null, record -> { });
    consumed.onResponseHeaders(200, null);
    consumed.markConsumed();
    consumed.onComplete();
    assertEquals(false, consumed.cancelAtShutdown(), "its outcome was decided before the exit");
    assertEquals(false, consumed.abandonAtExit());
  }

  @Test
  void withCancellationOnRunningCallsAreStoppedAndReported() {
    AtomicInteger cancels = new AtomicInteger();
    runningCall(cancels);
    new ShutdownSequence(true, 300, telemetry::shutdown, () -> { }, () -> true).run();
    assertEquals(1, cancels.get());
    assertEquals(Outcome.CANCELLED_AT_SHUTDOWN, settled.get(0).outcome());
  }

  /**
   * Cancelling completes the application's future, whose callbacks may block, or call
   * System.exit, which waits for this hook: the exit must not wait on them past its grace.
   */
  @Test
  @Timeout(10) // before the fix, the exit waited here forever
  void applicationCodeRunByACancelCannotHoldTheExit() {
    CountDownLatch never = new CountDownLatch(1);
    LlmCall call = new LlmCall(new Endpoint("openai", Api.OPENAI_CHAT_COMPLETIONS, true), "h", 443,
        false, null, settled::add);
    call.setCancel(() -> {
      try {
        never.await(); // a callback that never returns
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    call.onResponseHeaders(200, null);
    long start = System.nanoTime();
    new ShutdownSequence(true, 500, telemetry::shutdown, () -> { }, () -> true).run();
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis < 2000, "the exit went on after " + millis + " ms");
    assertEquals(Outcome.CANCELLED_AT_SHUTDOWN, settled.get(0).outcome(), "reported all the same");
    never.countDown();
  }

  @Test
  void aFailingFlushIsOneLineNotAStackTraceOnTheHook() {
    try (dev.llmcost.agent.pricing.AgentLogCapture log = new dev.llmcost.agent.pricing.AgentLogCapture()) {
      new ShutdownSequence(true, 300, millis -> {
        throw new java.util.concurrent.CompletionException(new IllegalStateException("no SDK"));
      }, () -> { }, () -> true).run();
      assertTrue(log.lines().stream().anyMatch(l -> l.contains("flushing telemetry at exit failed")),
          log.lines().toString());
    }
  }

  @Test
  void aCallStillBeingReportedWhenTheExitBeginsIsInTheReport() throws Exception {
    CountDownLatch reporting = new CountDownLatch(1);
    List<CallRecord> slowSink = new CopyOnWriteArrayList<>();
    LlmCall call = new LlmCall(new Endpoint("openai", Api.OPENAI_CHAT_COMPLETIONS, true), "h", 443,
        false, null, record -> {
          reporting.countDown();
          sleep(150); // pricing that takes a while, e.g. the first tokenizer load
          slowSink.add(record);
        });
    Thread ending = new Thread(() -> call.onFailure(new java.io.IOException("refused")));
    ending.start();
    reporting.await();
    AtomicInteger reportedCalls = new AtomicInteger(-1);
    new ShutdownSequence(true, 2000, telemetry::shutdown, () -> reportedCalls.set(slowSink.size()), () -> true)
        .run();
    assertEquals(1, reportedCalls.get(), "the report ran after the call reached it");
    ending.join();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
