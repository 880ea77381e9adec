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

class DuplicateRequestsTest {
  private static final long SECOND = 1_000_000_000L;
  private final DuplicateRequests duplicates = new DuplicateRequests(600);

  private static CallRecord call(long fingerprint, int status, long startSeconds) {
    return new CallRecord(new Endpoint("openai", Api.OPENAI_CHAT_COMPLETIONS, true), "h", 443,
        RequestInfo.UNKNOWN, new ResponseInfo(), status, null, Outcome.CONSUMED,
        startSeconds * SECOND, startSeconds * SECOND + 1, -1, null, null, fingerprint);
  }

  @Test
  void theSameRequestAnsweredMinutesAgoIsADuplicate() {
    assertFalse(duplicates.isDuplicate(call(42, 200, 0)));
    assertTrue(duplicates.isDuplicate(call(42, 200, 300)));
    assertFalse(duplicates.isDuplicate(call(43, 200, 301)), "another request");
  }

  @Test
  void aRetryAfterAFailureIsNotADuplicate() {
    assertFalse(duplicates.isDuplicate(call(7, 429, 0)));
    assertFalse(duplicates.isDuplicate(call(7, 200, 1)));
  }

  @Test
  void outsideTheWindowItIsNoLongerADuplicate() {
    duplicates.isDuplicate(call(9, 200, 0));
    assertFalse(duplicates.isDuplicate(call(9, 200, 1000)));
  }
}
