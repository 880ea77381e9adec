package dev.llmcost.agent.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.agent.context.ApplicationContext;
import dev.llmcost.agent.guard.ConcurrencyLimits;
import dev.llmcost.agent.guard.GuardEvents;
import dev.llmcost.agent.guard.Guards;
import dev.llmcost.agent.guard.SpendBudget;
import dev.llmcost.agent.pricing.AgentLogCapture;
import dev.llmcost.agent.provider.Endpoint;
import dev.llmcost.agent.provider.Endpoints;
import dev.llmcost.bootstrap.InFlightCalls;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Calls started before their request is read (the JDK HttpClient reads it once it is sent). */
class CallTrackerTest {
  private static final String PATH = "/v1/chat/completions";
  private static final byte[] REQUEST =
      "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
          .getBytes(StandardCharsets.UTF_8);
  private static final byte[] ANSWER = ("{\"id\":\"c1\",\"model\":\"gpt-4o-mini-2024-07-18\","
      + "\"choices\":[{\"finish_reason\":\"stop\",\"message\":{\"content\":\"hello\"}}],"
      + "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":1}}").getBytes(StandardCharsets.UTF_8);

  private final List<CallRecord> settled = new CopyOnWriteArrayList<>();
  private final TrackingSwitch trackingSwitch = new TrackingSwitch();

  private CallTracker tracker(Guards guards) {
    return new CallTracker(Endpoints.defaults(), settled::add, new CallSites(),
        new AbandonWatcher(), 1 << 20, false, new ApplicationContext(Set.of()), guards, null,
        trackingSwitch);
  }

  private static Endpoint endpoint(CallTracker tracker, String host) {
    return tracker.match("POST", "https", host, 443, PATH);
  }

  private static LlmCall startAtOpenAi(CallTracker tracker, boolean synchronous) throws Exception {
    return tracker.startUndescribed(endpoint(tracker, "api.openai.com"), "api.openai.com", 443,
        synchronous, true);
  }

  /** The whole answer arrives and the application reads it. */
  private static void answerRead(CallTracker tracker, LlmCall call) {
    call.onResponseHeaders(200, tracker.newParser(call, "application/json", null));
    call.onBytes(ByteBuffer.wrap(ANSWER));
    call.onComplete();
    call.markConsumed();
  }

  @Test
  void aCallThatEndsBeforeItIsDescribedSettlesWhenDescribedWithItsRequestAndCallSite()
      throws Exception {
    CallTracker tracker = tracker(Guards.OFF);
    assertTrue(tracker.describesLater());
    LlmCall call = startAtOpenAi(tracker, true);
    answerRead(tracker, call);
    assertTrue(settled.isEmpty(), "an undescribed call does not settle");

    assertTrue(tracker.describe(call, PATH, REQUEST));
    assertEquals(1, settled.size());
    CallRecord record = settled.get(0);
    assertEquals(Outcome.CONSUMED, record.outcome());
    assertEquals("gpt-4o-mini", record.request().model());
    assertEquals(9, record.response().usage.inputTokens());
    assertNotNull(record.callSite(), "the caller's frame, found on the describing thread");
    assertFalse(InFlightCalls.snapshot().contains(call));
  }

  @Test
  void aCallDescribedBeforeItsAnswerSettlesWhenTheAnswerIsRead() throws Exception {
    CallTracker tracker = tracker(Guards.OFF);
    LlmCall call = startAtOpenAi(tracker, true);
    assertTrue(tracker.describe(call, PATH, REQUEST));
    assertTrue(settled.isEmpty());
    answerRead(tracker, call);
    assertEquals(1, settled.size());
    assertEquals("gpt-4o-mini", settled.get(0).request().model());
  }

  /**
   * Paused, the agent steps aside: no request is an LLM call, so nothing is read, limited or
   * reported; a call already started still settles. Resumed, calls are tracked again.
   */
  @Test
  void whilePausedNoRequestIsAnLlmCallAndACallInFlightStillSettles() throws Exception {
    CallTracker tracker = tracker(Guards.OFF);
    LlmCall inFlight = startAtOpenAi(tracker, true);
    trackingSwitch.setPaused(true);
    assertTrue(trackingSwitch.isPaused());
    assertNull(endpoint(tracker, "api.openai.com"));
    assertNull(tracker.match("GET", "https", "api.openai.com", 443, "/v1/batches/b1"));
    assertTrue(tracker.describe(inFlight, PATH, REQUEST));
    answerRead(tracker, inFlight);
    assertEquals(1, settled.size(), "the call started before the pause is reported");

    trackingSwitch.setPaused(false);
    assertNotNull(endpoint(tracker, "api.openai.com"));
  }

  /** Azure OpenAI bodies often name no model: the deployment in the path stands in. */
  @Test
  void anAzureRequestWithoutAModelIsNamedByItsDeployment() throws Exception {
    CallTracker tracker = tracker(Guards.OFF);
    String path = "/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-10-21";
    Endpoint endpoint = tracker.match("POST", "https", "acme.openai.azure.com", 443, path);
    LlmCall call = tracker.startUndescribed(endpoint, "acme.openai.azure.com", 443, true, true);
    assertTrue(tracker.describe(call, path, "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
        .getBytes(StandardCharsets.UTF_8)));
    answerRead(tracker, call);
    assertEquals("gpt-4o-prod", settled.get(0).request().model());
    assertEquals("gpt-4o-mini-2024-07-18", settled.get(0).response().model, "what is priced");
  }

  @Test
  void aPathOnlyMatchWhoseBodyIsNoLlmRequestIsDropped() throws Exception {
    CallTracker tracker = tracker(Guards.OFF);
    Endpoint endpoint = endpoint(tracker, "internal.example");
    assertFalse(endpoint.knownHost());
    LlmCall call = tracker.startUndescribed(endpoint, "internal.example", 443, true, true);
    assertFalse(tracker.describe(call, PATH,
        "{\"query\":\"not a chat\"}".getBytes(StandardCharsets.UTF_8)));
    answerRead(tracker, call);
    assertTrue(settled.isEmpty());
    assertFalse(InFlightCalls.snapshot().contains(call));
  }

  @Test
  void aSelfHostedCallCutBeforeItsModelByTheRequestLimitIsDroppedWithOneLineSayingWhy()
      throws Exception {
    CallTracker tracker = new CallTracker(Endpoints.defaults(), settled::add, new CallSites(),
        new AbandonWatcher(), 16, false, new ApplicationContext(Set.of()), Guards.OFF, null,
        new TrackingSwitch());
    Endpoint endpoint = endpoint(tracker, "llm.internal.example");
    byte[] cut = "{\"messages\":[{\"ro".getBytes(StandardCharsets.UTF_8); // what a 16-byte limit reads
    try (AgentLogCapture log = new AgentLogCapture()) {
      LlmCall call = tracker.startUndescribed(endpoint, "llm.internal.example", 443, true, true);
      assertFalse(tracker.describe(call, PATH, cut));
      LlmCall again = tracker.startUndescribed(endpoint, "llm.internal.example", 443, true, true);
      assertFalse(tracker.describe(again, PATH, cut));
      assertEquals(1, log.lines().size(), log.lines().toString());
      assertTrue(log.lines().get(0).contains("llmcost.request.max_bytes (16 bytes)"), log.lines().get(0));
    }
    assertTrue(settled.isEmpty());
  }

  @Test
  void aRequestThatCannotBeReadStillSettlesTheCall() throws Exception {
    CallTracker tracker = tracker(Guards.OFF);
    LlmCall call = startAtOpenAi(tracker, false);
    answerRead(tracker, call);
    assertTrue(tracker.describe(call, PATH, null));
    assertEquals(1, settled.size());
    assertNull(settled.get(0).request().model());
  }

  @Test
  void aCallStartedOnAnEventLoopIsDescribedByItsOriginAndNeverWaitsForASlot() throws Exception {
    Guards oneAtATime = new Guards(ConcurrencyLimits.parse("openai=1", 60_000),
        new SpendBudget(0, 0, GuardEvents.NONE), GuardEvents.NONE);
    CallTracker tracker = tracker(oneAtATime);
    LlmCall holding = tracker.start(endpoint(tracker, "api.openai.com"), "api.openai.com", 443,
        PATH, REQUEST, false); // takes the only slot, for a minute
    CallTracker.Origin origin = new CallTracker.Origin(
        new CallSite("com.acme.shop.Search.suggest", "Search.java", 42),
        new CallTags("http-nio-8080-exec-3", Map.of("feature", "search")), null);

    LlmCall call = tracker.startOnEventLoop(origin, endpoint(tracker, "api.openai.com"),
        "api.openai.com", 443, PATH, REQUEST); // would wait a minute if it waited at all
    answerRead(tracker, call);

    CallRecord record = settled.get(0);
    assertEquals("com.acme.shop.Search.suggest", record.callSite().function());
    assertEquals("http-nio-8080-exec-3", record.tags().threadName());
    assertEquals(Map.of("feature", "search"), record.tags().tags());
    answerRead(tracker, holding);
  }

  @Test
  void aCallStartedOnAnEventLoopWithoutAnOriginLeavesTheLoopsNameOut() throws Exception {
    CallTracker tracker = tracker(Guards.OFF);
    LlmCall call = tracker.startOnEventLoop(null, endpoint(tracker, "api.openai.com"),
        "api.openai.com", 443, PATH, REQUEST);
    answerRead(tracker, call);
    assertNull(settled.get(0).tags().threadName(), "the loop's name says nothing of the application");
    assertNull(settled.get(0).callSite());
  }

  @Test
  void guardRailsNeedTheRequestBeforeTheCallIsSent() {
    Guards limited = new Guards(ConcurrencyLimits.parse("openai=2", 0),
        new SpendBudget(0, 0, GuardEvents.NONE), GuardEvents.NONE);
    assertFalse(tracker(limited).describesLater());
  }
}
