package dev.llmcost.agent.waste;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.agent.call.CallRecord;
import dev.llmcost.agent.call.Outcome;
import dev.llmcost.agent.provider.Api;
import dev.llmcost.agent.provider.Endpoint;
import dev.llmcost.agent.provider.RequestInfo;
import dev.llmcost.agent.provider.ResponseInfo;
import org.junit.jupiter.api.Test;

class RetriedRequestsTest {
  private static final long SECOND = 1_000_000_000L;
  private final RetriedRequests retries = new RetriedRequests(600);

  private static CallRecord call(long fingerprint, int status, Outcome outcome, long startSeconds) {
    return new CallRecord(new Endpoint("openai", Api.OPENAI_CHAT_COMPLETIONS, true), "h", 443,
        RequestInfo.UNKNOWN, new ResponseInfo(), status, null, outcome,
        startSeconds * SECOND, startSeconds * SECOND + 1, -1, null, null, fingerprint);
  }

  @Test
  void theSameRequestAfterA429IsARetry() {
    assertFalse(retries.isRetry(call(1, 429, Outcome.FAILED, 0)));
    assertTrue(retries.isRetry(call(1, 200, Outcome.CONSUMED, 2)));
    assertFalse(retries.isRetry(call(1, 200, Outcome.CONSUMED, 3)), "then a repeat, not a retry");
  }

  @Test
  void timeoutsAndServerErrorsChainIntoRetries() {
    assertFalse(retries.isRetry(call(2, 0, Outcome.FAILED, 0)), "a timeout: no status");
    assertTrue(retries.isRetry(call(2, 503, Outcome.FAILED, 5)), "a failed retry is a retry");
    assertTrue(retries.isRetry(call(2, 200, Outcome.CONSUMED, 9)));
  }

  @Test
  void anotherRequestOrALateOneIsNoRetry() {
    retries.isRetry(call(3, 500, Outcome.FAILED, 0));
    assertFalse(retries.isRetry(call(4, 200, Outcome.CONSUMED, 1)));
    assertFalse(retries.isRetry(call(3, 200, Outcome.CONSUMED, 1000)));
    assertFalse(retries.isRetry(call(0, 200, Outcome.CONSUMED, 1)), "no body, no fingerprint");
  }
}
