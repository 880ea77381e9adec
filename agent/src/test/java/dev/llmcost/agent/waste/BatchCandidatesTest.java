package dev.llmcost.agent.waste;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmcost.agent.call.CallRecord;
import dev.llmcost.agent.call.CallSite;
import dev.llmcost.agent.call.CallTags;
import dev.llmcost.agent.call.Outcome;
import dev.llmcost.agent.pricing.AgentLogCapture;
import dev.llmcost.agent.pricing.Cost;
import dev.llmcost.agent.pricing.PriceBook;
import dev.llmcost.agent.provider.Api;
import dev.llmcost.agent.provider.Endpoint;
import dev.llmcost.agent.provider.RequestInfo;
import dev.llmcost.agent.usage.Usage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchCandidatesTest {
  private static final long MS = 1_000_000L;
  private static final PriceBook PRICES = PriceBook.load(null);
  // gpt-4o-mini: $0.15/M input, $0.60/M output, batch discount 50% (openai.com/api/pricing)
  private static final Usage USAGE = new Usage(1000, 200, 0, 0, 0, 0, false);
  private static final double COST = 1000 * 0.15 / 1e6 + 200 * 0.60 / 1e6;
  private static final CallSite SITE = new CallSite("com.acme.Classifier.classifyAll", "C.java", 42);

  private final BatchCandidates candidates = new BatchCandidates(PRICES);

  private static CallRecord call(CallSite site, String thread, Boolean stream, Outcome outcome,
      long startMs, long endMs) {
    RequestInfo request = new RequestInfo("gpt-4o-mini", stream, null, null, null, false, true, null);
    return new CallRecord(new Endpoint("openai", Api.OPENAI_CHAT_COMPLETIONS, true),
        "api.openai.com", 443, request, null, 200, null, outcome, startMs * MS, endMs * MS, -1,
        site, null, 1, new CallTags(thread, Map.of()), -1);
  }

  private BatchOpportunity credit(CallRecord call) {
    Cost cost = PRICES.price("openai", "gpt-4o-mini", USAGE);
    return candidates.credit(call, cost, USAGE, "gpt-4o-mini");
  }

  /** Ten calls fired before the first answer: the tenth credits all ten, the next itself. */
  @Test
  void aFanOutIsCreditedWhenItsTenthCallSettlesThenCallByCall() {
    for (int i = 0; i < BatchCandidates.DEFAULT_MIN_CALLS - 1; i++) {
      assertEquals(BatchOpportunity.NONE,
          credit(call(SITE, "main", false, Outcome.CONSUMED, i, 500 + i)), "call " + i);
    }
    BatchOpportunity tenth = credit(call(SITE, "main", false, Outcome.CONSUMED, 9, 509));
    assertEquals(10, tenth.calls());
    assertEquals(10 * COST / 2, tenth.usd(), 1e-12);
    BatchOpportunity eleventh = credit(call(SITE, "main", false, Outcome.CONSUMED, 10, 510));
    assertEquals(1, eleventh.calls());
    assertEquals(COST / 2, eleventh.usd(), 1e-12);
  }

  /** {@code llmcost.batch_candidates.min_calls}: smaller fan-outs count when asked; one call never does. */
  @Test
  void theFanOutSizeIsASetting() {
    BatchCandidates three = new BatchCandidates(PRICES, 3);
    Cost cost = PRICES.price("openai", "gpt-4o-mini", USAGE);
    assertEquals(BatchOpportunity.NONE, three.credit(call(SITE, "main", false, Outcome.CONSUMED, 0, 500),
        cost, USAGE, "gpt-4o-mini"));
    assertEquals(BatchOpportunity.NONE, three.credit(call(SITE, "main", false, Outcome.CONSUMED, 1, 501),
        cost, USAGE, "gpt-4o-mini"));
    BatchOpportunity third = three.credit(call(SITE, "main", false, Outcome.CONSUMED, 2, 502), cost, USAGE,
        "gpt-4o-mini");
    assertEquals(3, third.calls());
    assertEquals(3 * COST / 2, third.usd(), 1e-12);
    try (AgentLogCapture log = new AgentLogCapture()) {
      assertEquals(BatchCandidates.LEAST_MIN_CALLS, new BatchCandidates(PRICES, 1).minCalls());
      assertEquals(List.of("[llm-cost-agent] WARN setting llmcost.batch_candidates.min_calls=1 is "
          + "below 2 (one call is no fan-out); using 2"), log.lines());
    }
  }

  /** One call after another, each fired once the previous was answered: no fan-out. */
  @Test
  void callsMadeOneAfterAnotherAreNoFanOut() {
    for (int i = 0; i < 30; i++) {
      assertEquals(BatchOpportunity.NONE,
          credit(call(SITE, "main", false, Outcome.CONSUMED, i * 100, i * 100 + 90)));
    }
  }

  /** Two at a time for ever chains overlapping calls, yet never ten in flight at once. */
  @Test
  void twoCallsAtATimeNeverMakeAFanOut() {
    for (int i = 0; i < 40; i++) {
      assertEquals(BatchOpportunity.NONE,
          credit(call(SITE, "main", false, Outcome.CONSUMED, i * 50, i * 50 + 90)), "call " + i);
    }
  }

  /** Many request threads at one site, one call each: an online service, not a batch job. */
  @Test
  void oneCallEachFromManyThreadsIsNoFanOut() {
    for (int i = 0; i < 30; i++) {
      assertEquals(BatchOpportunity.NONE,
          credit(call(SITE, "http-nio-" + i, false, Outcome.CONSUMED, i, 500 + i)));
    }
  }

  /**
   * Streams, results never used (waste already), and calls whose thread has no name are left out;
   * the abandoned ones still make the fan-out ten.
   */
  @Test
  void streamsUnusedResultsAndUnnamedThreadsAreNotCredited() {
    for (int i = 0; i < 20; i++) {
      assertEquals(BatchOpportunity.NONE,
          credit(call(SITE, "main", true, Outcome.CONSUMED, i, 500 + i)), "stream " + i);
      assertEquals(BatchOpportunity.NONE,
          credit(call(SITE, null, false, Outcome.CONSUMED, i, 500 + i)), "unnamed " + i);
    }
    for (int i = 0; i < 9; i++) {
      credit(call(SITE, "worker", false, Outcome.ABANDONED, i, 500 + i));
    }
    BatchOpportunity tenth = credit(call(SITE, "worker", false, Outcome.CONSUMED, 9, 509));
    assertEquals(1, tenth.calls(), "only the consumed call");
  }

  /** A model the price book knows no batch discount for saves nothing. */
  @Test
  void noDiscountNoCredit() {
    for (int i = 0; i < 12; i++) {
      CallRecord call = call(SITE, "main", false, Outcome.CONSUMED, i, 500 + i);
      assertEquals(BatchOpportunity.NONE, candidates.credit(call,
          new Cost(0.001, 0.001, 0, 0, "custom"), USAGE, "my-own-model"));
    }
  }
}
