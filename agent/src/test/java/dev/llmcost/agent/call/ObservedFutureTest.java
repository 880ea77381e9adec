package dev.llmcost.agent.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.agent.provider.Api;
import dev.llmcost.agent.provider.Endpoint;
import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ObservedFutureTest {
  private final List<CallRecord> settled = new CopyOnWriteArrayList<>();
  private final AbandonWatcher watcher = new AbandonWatcher();

  private LlmCall finishedCall() {
    LlmCall call = new LlmCall(new Endpoint("openai", Api.OPENAI_CHAT_COMPLETIONS, true), "h", 443,
        false, null, settled::add);
    call.onResponseHeaders(200, null);
    call.onComplete();
    return call;
  }

  @Test
  void joiningTheFutureMeansTheResultWasConsumed() {
    CompletableFuture<String> source = new CompletableFuture<>();
    CompletableFuture<String> mirror = ObservedFuture.mirror(source, finishedCall(), watcher);
    source.complete("answer");
    assertEquals("answer", mirror.join());
    assertEquals(Outcome.CONSUMED, settled.get(0).outcome());
  }

  /** The JDK completes sendAsync's future with a CompletionException when a stage behind it fails. */
  @Test
  void theApplicationsHandlersSeeTheClientsOwnFailureObject() {
    for (Throwable failure : List.of(new CompletionException(new ConnectException("refused")),
        new IOException("reset"))) {
      CompletableFuture<String> source = new CompletableFuture<>();
      CompletableFuture<String> mirror = ObservedFuture.mirror(source, finishedCall(), watcher);
      source.completeExceptionally(failure);
      AtomicReference<Throwable> fromSource = new AtomicReference<>();
      AtomicReference<Throwable> fromMirror = new AtomicReference<>();
      source.handle((v, t) -> fromSource.getAndSet(t));
      mirror.handle((v, t) -> fromMirror.getAndSet(t));
      assertSame(failure, fromMirror.get());
      assertSame(fromSource.get(), fromMirror.get());
      ExecutionException viaGet = assertThrows(ExecutionException.class, mirror::get);
      assertSame(failure instanceof CompletionException ? failure.getCause() : failure,
          viaGet.getCause());
    }
  }

  /** A busy async application must not pile up watched calls until the next GC finds them. */
  @Test
  void aReadResultIsNoLongerWatchedWhileItsFutureIsStillReachable() {
    CompletableFuture<String> source = new CompletableFuture<>();
    CompletableFuture<Integer> chain = ObservedFuture.mirror(source, finishedCall(), watcher)
        .thenApply(String::length);
    assertEquals(2, watcher.size(), "the future and the stage derived from it");
    source.complete("answer");
    assertEquals(6, chain.join());
    assertEquals(0, watcher.size(), "released as soon as the result was read");
    assertEquals(Outcome.CONSUMED, settled.get(0).outcome());
  }

  @Test
  void aTransformedResultThatNobodyReadsIsAbandoned() throws Exception {
    // The common wrapper: sendAsync(...).thenApply(HttpResponse::body), then dropped.
    CompletableFuture<String> source = new CompletableFuture<>();
    ObservedFuture.mirror(source, finishedCall(), watcher).thenApply(String::length);
    source.complete("never read");
    source = null;
    awaitSettled();
    assertEquals(Outcome.ABANDONED, settled.get(0).outcome());
  }

  @Test
  void anActionThatReceivesTheResultReadsIt() throws Exception {
    CompletableFuture<String> source = new CompletableFuture<>();
    List<String> printed = new CopyOnWriteArrayList<>();
    ObservedFuture.mirror(source, finishedCall(), watcher).thenApply(String::toUpperCase)
        .thenAccept(printed::add);
    source.complete("answer");
    assertEquals(List.of("ANSWER"), printed);
    assertEquals(Outcome.CONSUMED, settled.get(0).outcome());
  }

  @Test
  void readingTheEndOfATransformedChainReadsTheResult() throws Exception {
    CompletableFuture<String> source = new CompletableFuture<>();
    CompletableFuture<Integer> length =
        ObservedFuture.mirror(source, finishedCall(), watcher).thenApply(String::length);
    source.complete("four");
    assertEquals(4, length.get(1, TimeUnit.SECONDS));
    assertEquals(Outcome.CONSUMED, settled.get(0).outcome());
  }

  /** A wait that gave up (get with a timeout, orTimeout, a poll too early) is no reading. */
  @Test
  void aWaitThatTimedOutThenADroppedFutureIsAbandoned() throws Exception {
    CompletableFuture<String> source = new CompletableFuture<>();
    waitInVain(ObservedFuture.mirror(source, finishedCall(), watcher));
    source.complete("arrives too late");
    source = null;
    awaitSettled();
    assertEquals(Outcome.ABANDONED, settled.get(0).outcome());
  }

  private static void waitInVain(CompletableFuture<String> mirror) {
    assertThrows(TimeoutException.class, () -> mirror.get(10, TimeUnit.MILLISECONDS));
    assertEquals("none yet", mirror.getNow("none yet"));
    assertThrows(CompletionException.class, () -> mirror.orTimeout(10, TimeUnit.MILLISECONDS).join());
  }

  @Test
  void theCallsOwnFailureReceivedThroughJoinIsReadingIt() {
    CompletableFuture<String> source = new CompletableFuture<>();
    CompletableFuture<String> mirror = ObservedFuture.mirror(source, finishedCall(), watcher);
    source.completeExceptionally(new IOException("reset"));
    assertThrows(CompletionException.class, mirror::join);
    assertEquals(Outcome.CONSUMED, settled.get(0).outcome());
  }

  @Test
  void cancellingTheMirrorCancelsTheClientsFuture() {
    CompletableFuture<String> source = new CompletableFuture<>();
    CompletableFuture<String> mirror = ObservedFuture.mirror(source, finishedCall(), watcher);
    mirror.cancel(true);
    assertTrue(source.isCancelled());
    // An SDK's exchange goes on after its future is cancelled, and is billed: the call says
    // cancelled, with what the provider sent.
    assertEquals(Outcome.CANCELLED, settled.get(0).outcome());
  }

  @Test
  void cancellingAFutureAlreadyCompleteChangesNothing() {
    CompletableFuture<String> source = new CompletableFuture<>();
    CompletableFuture<String> mirror = ObservedFuture.mirror(source, finishedCall(), watcher);
    source.complete("answer");
    mirror.cancel(true);
    assertEquals("answer", mirror.join());
    assertEquals(Outcome.CONSUMED, settled.get(0).outcome());
  }

  @Test
  void aFutureDroppedUnreadIsReportedAbandonedOnceCollected() throws Exception {
    CompletableFuture<String> source = new CompletableFuture<>();
    ObservedFuture.mirror(source, finishedCall(), watcher);
    source.complete("never read");
    source = null;
    awaitSettled();
    assertEquals(Outcome.ABANDONED, settled.get(0).outcome());
  }

  @Test
  void allOfOverDroppedMirrorsStillCompletes() throws Exception {
    // allOf registers on each future without calling any method the mirror could observe; the
    // application keeps only the allOf future. It must still complete.
    CompletableFuture<String> a = new CompletableFuture<>();
    CompletableFuture<String> b = new CompletableFuture<>();
    CompletableFuture<Void> all = CompletableFuture.allOf(
        ObservedFuture.mirror(a, finishedCall(), watcher),
        ObservedFuture.mirror(b, finishedCall(), watcher));
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(20);
    }
    a.complete("x");
    b.complete("y");
    all.get(2, TimeUnit.SECONDS);
  }

  private void awaitSettled() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (settled.isEmpty() && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(20);
    }
  }
}
