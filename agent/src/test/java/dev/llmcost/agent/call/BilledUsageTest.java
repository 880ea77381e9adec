package dev.llmcost.agent.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.agent.provider.Api;
import dev.llmcost.agent.provider.Endpoint;
import dev.llmcost.agent.provider.PromptTokens;
import dev.llmcost.agent.provider.RequestInfo;
import dev.llmcost.agent.provider.ResponseInfo;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class BilledUsageTest {

  @Test
  void aCallThatNeverConnectedIsNotBilled() {
    assertNull(BilledUsage.resolve(failed(new ConnectException("Connection refused"))));
    assertNull(BilledUsage.resolve(failed(new IOException(new UnknownHostException("api.example")))));
  }

  @Test
  void aCallCutOffAfterItWasSentIsEstimated() {
    assertNotNull(BilledUsage.resolve(failed(new IOException("connection reset"))),
        "the provider had the request: its input is billed");
  }

  /** A stream that carries no usage had its prompt counted while it ran: that count is billed. */
  @Test
  void aPromptCountedAheadIsTheEstimatesInput() {
    PromptTokens ahead = new PromptTokens();
    RequestInfo request = new RequestInfo("gpt-4o", true, null, null, null, false, true,
        "Is this clause compliant?").withPromptTokens(ahead);
    ResponseInfo response = new ResponseInfo();
    response.complete = true;
    CallRecord stream = new CallRecord(new Endpoint("openai", Api.OPENAI_CHAT_COMPLETIONS, true),
        "api.openai.com", 443, request, response, 200, null, Outcome.CONSUMED, 0, 1, 0, null, null, 0);
    long counted = BilledUsage.resolve(stream).inputTokens();
    assertTrue(counted > 0 && counted < 50, "counted now: " + counted);
    ahead.set(1234);
    assertEquals(1234, BilledUsage.resolve(stream).inputTokens());
    assertTrue(BilledUsage.resolve(stream).estimated());
  }

  @Test
  void connectFailuresAreRecognisedThroughTheirCauses() {
    assertTrue(BilledUsage.neverReachedTheProvider(new IOException(new ConnectException())));
    assertFalse(BilledUsage.neverReachedTheProvider(new IOException("timed out reading")));
    assertFalse(BilledUsage.neverReachedTheProvider(null));
  }

  private static CallRecord failed(Throwable error) {
    RequestInfo request = new RequestInfo("gpt-4o", false, null, null, null, false, true,
        "Is this clause compliant?");
    return new CallRecord(new Endpoint("openai", Api.OPENAI_CHAT_COMPLETIONS, true), "api.openai.com",
        443, request, null, 0, error, Outcome.FAILED, 0, 1, -1, null, null, 0);
  }
}
