package dev.llmcost.agent.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.agent.provider.Api;
import dev.llmcost.agent.provider.Endpoint;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SharedResultTest {
  private final List<CallRecord> settled = new CopyOnWriteArrayList<>();

  private LlmCall completedAttempt(SharedResult result) {
    LlmCall call = new LlmCall(new Endpoint("openai", Api.OPENAI_CHAT_COMPLETIONS, true), "h", 443,
        false, null, settled::add);
    call.joinSharedResult(result, true);
    call.onResponseHeaders(200, null);
    call.onComplete();
    return call;
  }

  @Test
  void everyAttemptIsAbandonedWhenTheResultIsDroppedUnread() {
    SharedResult result = new SharedResult();
    LlmCall first = completedAttempt(result);
    completedAttempt(result);
    assertTrue(first.readThroughSharedResult());
    assertTrue(settled.isEmpty(), "an attempt's end is not its result's use");
    result.markAbandoned();
    assertEquals(2, settled.size());
    settled.forEach(r -> assertEquals(Outcome.ABANDONED, r.outcome()));
  }

  @Test
  void anAttemptMadeAfterTheResultWasReadIsConsumed() {
    SharedResult result = new SharedResult();
    result.markConsumed();
    completedAttempt(result);
    result.markAbandoned(); // too late: the first answer counts
    assertEquals(Outcome.CONSUMED, settled.get(0).outcome());
  }

  @Test
  void aFutureReadThroughTheMirrorConsumesEveryAttempt() {
    SharedResult result = new SharedResult();
    completedAttempt(result);
    java.util.concurrent.CompletableFuture<String> source = new java.util.concurrent.CompletableFuture<>();
    ObservedFuture.mirror(source, result, new AbandonWatcher()).thenAccept(v -> { });
    assertEquals(Outcome.CONSUMED, settled.get(0).outcome());
  }

  /** An SDK's exchange goes on after its future is cancelled: every attempt is billed, cancelled. */
  @Test
  void cancellingTheSdksFutureCancelsEveryAttemptButTheOneStillComingIsReadToItsEnd() {
    SharedResult result = new SharedResult();
    completedAttempt(result);
    LlmCall late = new LlmCall(new Endpoint("openai", Api.OPENAI_CHAT_COMPLETIONS, true), "h", 443,
        false, null, settled::add);
    late.joinSharedResult(result, true);
    result.markCancelled();
    assertEquals(1, settled.size(), "the attempt still receiving settles when its answer ends");
    late.onResponseHeaders(200, null);
    late.onComplete(); // the agent reads what the SDK no longer does
    assertEquals(2, settled.size());
    settled.forEach(r -> assertEquals(Outcome.CANCELLED, r.outcome()));
  }
}
