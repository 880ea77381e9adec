package dev.llmcost.agent.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.agent.provider.Api;
import dev.llmcost.agent.provider.Endpoint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeferredCallSinkTest {
  private final List<CallRecord> reported = new ArrayList<>();

  private static CallRecord settledCall() {
    List<CallRecord> out = new ArrayList<>();
    LlmCall call = new LlmCall(new Endpoint("openai", Api.OPENAI_CHAT_COMPLETIONS, true), "h", 443,
        false, null, out::add);
    call.onResponseHeaders(200, null);
    call.abandonAtExit();
    return out.get(0);
  }

  @Test
  void callsSettledBeforeReportingStartsAreReportedInOrderOnceItIs() {
    DeferredCallSink sink = new DeferredCallSink();
    CallRecord first = settledCall();
    CallRecord second = settledCall();
    assertFalse(sink.seenAny());
    sink.settled(first);
    sink.settled(second);
    assertTrue(sink.seenAny());
    assertTrue(reported.isEmpty());

    sink.deliverTo(reported::add);
    assertEquals(List.of(first, second), reported);

    CallRecord later = settledCall();
    sink.settled(later);
    assertEquals(List.of(first, second, later), reported, "later calls go straight through");
  }
}
