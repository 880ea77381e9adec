package dev.llmcost.agent.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.agent.provider.Api;
import dev.llmcost.agent.provider.Endpoint;
import dev.llmcost.agent.provider.RequestInfo;
import dev.llmcost.agent.provider.ResponseInfo;
import dev.llmcost.agent.provider.ResponseParser;
import dev.llmcost.bootstrap.InFlightCalls;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LlmCallTest {
  private final List<CallRecord> settled = new ArrayList<>();

  private LlmCall newCall() {
    return new LlmCall(new Endpoint("openai", Api.OPENAI_CHAT_COMPLETIONS, true), "api.openai.com",
        443, false, null, settled::add);
  }

  @Test
  void aFinishedCallSettlesConsumedOnlyWhenTheApplicationReadsIt() {
    LlmCall call = newCall();
    call.onResponseHeaders(200, new CountingParser());
    call.onBytes(ByteBuffer.wrap("{}".getBytes(StandardCharsets.UTF_8)));
    call.onComplete();
    assertTrue(settled.isEmpty(), "not settled before the app read it");
    call.markConsumed();
    assertEquals(1, settled.size());
    assertEquals(Outcome.CONSUMED, settled.get(0).outcome());
  }

  /** The application may keep the call's future long after; the reports had the prompt. */
  @Test
  void aSettledCallLetsGoOfItsPromptText() {
    LlmCall call = newCall();
    call.setRequest(new RequestInfo("gpt-4o", false, null, null, null, false, true, "a long prompt",
        "[{\"role\":\"user\"}]"));
    call.onResponseHeaders(200, new CountingParser());
    call.onComplete();
    call.markConsumed();
    assertEquals("a long prompt", settled.get(0).request().promptText());
    assertNull(call.request().promptText());
    assertNull(call.request().inputMessages());
    assertEquals("gpt-4o", call.request().model());
  }

  /** Anthropic's overloaded_error event, an OpenAI stream's error chunk: the status said 200. */
  @Test
  void anErrorTheProviderSentInTheBodyOfA200IsFailed() {
    LlmCall call = newCall();
    CountingParser parser = new CountingParser();
    parser.info.errorType = "overloaded_error";
    call.onResponseHeaders(200, parser);
    call.onComplete();
    call.markConsumed();
    assertEquals(Outcome.FAILED, settled.get(0).outcome());
  }

  @Test
  void aResultDroppedUnreadIsAbandoned() {
    LlmCall call = newCall();
    call.onResponseHeaders(200, new CountingParser());
    call.onComplete();
    call.markAbandoned();
    assertEquals(Outcome.ABANDONED, settled.get(0).outcome());
  }

  @Test
  void anHttpErrorIsFailedWhateverTheApplicationDoes() {
    LlmCall call = newCall();
    call.onResponseHeaders(429, new CountingParser());
    call.onComplete();
    assertEquals(Outcome.FAILED, settled.get(0).outcome());
    assertEquals(429, settled.get(0).statusCode());
  }

  @Test
  void shutdownCancelsTheTransportOfARunningCallAndReportsIt() {
    LlmCall call = newCall();
    AtomicInteger cancels = new AtomicInteger();
    call.setCancel(cancels::incrementAndGet);
    call.onResponseHeaders(200, new CountingParser());
    call.cancelAtShutdown();
    assertEquals(1, cancels.get());
    assertEquals(Outcome.CANCELLED_AT_SHUTDOWN, settled.get(0).outcome());
    call.onFailure(new java.io.IOException("closed by the agent"));
    assertEquals(1, settled.size(), "the failure our own cancel causes is not a second outcome");
  }

  /** The JDK client hands its way to stop an exchange over once sendAsync returns: later. */
  @Test
  void aWayToStopTheExchangeThatComesAfterTheShutdownCancelIsUsedAtOnce() {
    LlmCall call = newCall();
    call.cancelAtShutdown(); // registered, sending, nothing to stop it with yet
    assertEquals(Outcome.CANCELLED_AT_SHUTDOWN, settled.get(0).outcome());
    AtomicInteger cancels = new AtomicInteger();
    call.setCancel(cancels::incrementAndGet);
    assertEquals(1, cancels.get(), "or the answer streams on while the exit waits for it");
  }

  @Test
  void shutdownReportsAFinishedUnreadCallAsAbandonedWithoutCancelling() {
    LlmCall call = newCall();
    AtomicInteger cancels = new AtomicInteger();
    call.setCancel(cancels::incrementAndGet);
    call.onResponseHeaders(200, new CountingParser());
    call.onComplete();
    call.cancelAtShutdown();
    assertEquals(0, cancels.get());
    assertEquals(Outcome.ABANDONED, settled.get(0).outcome());
  }

  @Test
  void anAbandonedCallStillRunningIsStoppedWhenSoConfiguredAndStaysAbandoned() {
    LlmCall call = new LlmCall(new Endpoint("openai", Api.OPENAI_CHAT_COMPLETIONS, true), "h", 443,
        false, null, settled::add, true);
    AtomicInteger cancels = new AtomicInteger();
    call.setCancel(cancels::incrementAndGet);
    call.onResponseHeaders(200, new CountingParser());
    call.markAbandoned();
    assertEquals(1, cancels.get());
    call.onFailure(new java.io.IOException("closed by the agent"));
    assertEquals(Outcome.ABANDONED, settled.get(0).outcome());
  }

  @Test
  void anAbandonedCallIsLeftRunningByDefault() {
    LlmCall call = newCall();
    AtomicInteger cancels = new AtomicInteger();
    call.setCancel(cancels::incrementAndGet);
    call.markAbandoned();
    assertEquals(0, cancels.get());
    call.onComplete();
    assertEquals(Outcome.ABANDONED, settled.get(0).outcome());
  }

  @Test
  void aStreamClosedByTheApplicationIsClosedEarly() {
    LlmCall call = newCall();
    call.onResponseHeaders(200, new CountingParser());
    call.onClosedByApp();
    assertEquals(Outcome.STREAM_CLOSED_EARLY, settled.get(0).outcome());
  }

  @Test
  void anHttpErrorClosedUnreadIsStillFailed() {
    LlmCall call = newCall();
    call.onResponseHeaders(429, new CountingParser());
    call.onClosedByApp();
    assertEquals(Outcome.FAILED, settled.get(0).outcome());
  }

  @Test
  void anHttpErrorStillUnreadAtExitIsFailedNotAbandoned() {
    LlmCall call = newCall();
    call.onResponseHeaders(500, new CountingParser());
    call.abandonAtExit();
    assertEquals(Outcome.FAILED, settled.get(0).outcome());
  }

  @Test
  void aCallIsInTheRegistryUntilItSettlesAndNowhereAfter() {
    LlmCall call = newCall();
    assertTrue(InFlightCalls.snapshot().contains(call));
    call.onFailure(new java.io.IOException("reset"));
    assertFalse(InFlightCalls.snapshot().contains(call));
    assertEquals(Outcome.FAILED, settled.get(0).outcome());
  }

  @Test
  void aDiscardedCallIsNeverReported() {
    LlmCall call = newCall();
    call.discard();
    call.onComplete();
    call.markConsumed();
    assertTrue(settled.isEmpty());
    assertFalse(InFlightCalls.snapshot().contains(call));
  }

  @Test
  void timeToFirstChunkIsMeasuredFromTheFirstBodyByte() {
    LlmCall call = newCall();
    call.onResponseHeaders(200, new CountingParser());
    call.onComplete();
    call.markConsumed();
    assertEquals(-1, settled.get(0).timeToFirstChunkNanos());
    assertNull(settled.get(0).error());
  }

  /** Counts bytes; enough to see that the call feeds its parser. */
  static final class CountingParser implements ResponseParser {
    final ResponseInfo info = new ResponseInfo();
    int bytes;

    @Override
    public void onBytes(ByteBuffer b) {
      bytes += b.remaining();
    }

    @Override
    public void onEnd() {
      info.complete = true;
    }

    @Override
    public ResponseInfo info() {
      return info;
    }
  }
}
