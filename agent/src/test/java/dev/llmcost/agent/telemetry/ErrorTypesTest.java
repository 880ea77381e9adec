package dev.llmcost.agent.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.llmcost.agent.call.CallRecord;
import dev.llmcost.agent.call.Outcome;
import dev.llmcost.agent.provider.Api;
import dev.llmcost.agent.provider.Endpoint;
import dev.llmcost.agent.provider.RequestInfo;
import dev.llmcost.agent.provider.ResponseInfo;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ErrorTypesTest {
  private static CallRecord failed(int status, String providerError, Throwable error) {
    ResponseInfo response = new ResponseInfo();
    response.errorType = providerError;
    return new CallRecord(new Endpoint("anthropic", Api.ANTHROPIC_MESSAGES, true), "h", 443,
        RequestInfo.UNKNOWN, response, status, error, Outcome.FAILED, 0, 1, -1, null, null, 0);
  }

  @Test
  void theStatusThenTheProvidersErrorThenTheExceptionClass() {
    assertEquals("529", ErrorTypes.of(failed(529, "overloaded_error", null)));
    assertEquals("overloaded_error", ErrorTypes.of(failed(200, "overloaded_error", null)),
        "an error event in a stream that began with 200");
    assertEquals("java.io.IOException", ErrorTypes.of(failed(200, null, new IOException("reset"))));
    assertNull(ErrorTypes.of(new CallRecord(new Endpoint("anthropic", Api.ANTHROPIC_MESSAGES, true),
        "h", 443, RequestInfo.UNKNOWN, new ResponseInfo(), 200, null, Outcome.CONSUMED, 0, 1, -1,
        null, null, 0)));
  }
}
