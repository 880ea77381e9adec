package dev.llmcost.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmcost.agent.call.CallRecord;
import dev.llmcost.agent.call.CallSite;
import dev.llmcost.agent.call.Outcome;
import dev.llmcost.agent.call.PricedCall;
import dev.llmcost.agent.call.TrackingSwitch;
import dev.llmcost.agent.pricing.AgentLogCapture;
import dev.llmcost.agent.pricing.Cost;
import dev.llmcost.agent.provider.Api;
import dev.llmcost.agent.provider.Endpoint;
import dev.llmcost.agent.provider.RequestInfo;
import dev.llmcost.agent.usage.Usage;
import java.lang.management.ManagementFactory;
import javax.management.Attribute;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** Failures, retries, caching opportunities, tiering and the top savings, in table and JSON. */
class RunReportInsightTest {
  private static final long MINUTE = 60_000_000_000L;

  private static PricedCall call(String model, String site, Outcome outcome, long output,
      double inputUsd, double outputUsd, boolean retry, double cachingUsd, long startMinute) {
    RequestInfo request = new RequestInfo(model, false, null, null, null, false, true, null);
    CallRecord record = new CallRecord(new Endpoint("openai", Api.OPENAI_CHAT_COMPLETIONS, true),
        "api.openai.com", 443, request, null, outcome == Outcome.FAILED ? 429 : 200, null,
        outcome, startMinute * MINUTE, startMinute * MINUTE + 1, -1,
        new CallSite("com.acme." + site, "A.java", 1), null, 0);
    Usage usage = new Usage(1000, output, 0, 0, 0, 0, false);
    Cost cost = new Cost(inputUsd, outputUsd, 0, 0, "test");
    return new PricedCall(record, usage, cost, 0, false, retry, cachingUsd);
  }

  private static RunReport report() {
    RunReport report = new RunReport();
    // a premium model ($10/M output) answering 20-token answers at one site, twice
    report.accept(call("gpt-4o", "Classify.run", Outcome.CONSUMED, 20, 0.0025, 0.0002, false,
        0.00125, 0));
    report.accept(call("gpt-4o", "Classify.run", Outcome.CONSUMED, 20, 0.0025, 0.0002, true, 0,
        1));
    // a small model for long answers: not a tiering candidate ($0.60/M output)
    report.accept(call("gpt-4o-mini", "Write.run", Outcome.CONSUMED, 2000, 0.00015, 0.0012,
        false, 0, 2));
    report.accept(call("gpt-4o-mini", "Write.run", Outcome.CONSUMED, 2000, 0.00015, 0.0012,
        false, 0, 9));
    report.accept(call("gpt-4o", "Classify.run", Outcome.FAILED, 0, 0, 0, false, 0, 10));
    return report;
  }

  /** A failed call has a savings line of its own; it is no result the application left unused. */
  @Test
  void resultsNeverUsedCountAbandonedCancelledAndClosedEarlyCallsNotFailures() throws Exception {
    RunReport report = new RunReport();
    for (Outcome outcome : new Outcome[] {Outcome.ABANDONED, Outcome.ABANDONED,
        Outcome.STREAM_CLOSED_EARLY, Outcome.FAILED, Outcome.CONSUMED}) {
      RequestInfo request = new RequestInfo("gpt-4o", false, null, null, null, false, true, null);
      CallRecord record = new CallRecord(new Endpoint("openai", Api.OPENAI_CHAT_COMPLETIONS, true),
          "api.openai.com", 443, request, null, 200, null, outcome, 0, MINUTE, -1,
          new CallSite("com.acme.Batch.run", "A.java", 1), null, 0);
      Cost cost = new Cost(0.001, 0.001, 0, 0, "test");
      report.accept(new PricedCall(record, new Usage(400, 100, 0, 0, 0, 0, false), cost,
          outcome == Outcome.CONSUMED ? 0 : 0.002, false, false, 0));
    }
    JsonNode savings = new ObjectMapper().readTree(report.toJson()).get("savings");
    JsonNode unused = null;
    JsonNode failed = null;
    for (JsonNode s : savings) {
      String what = s.get("what").asText();
      unused = what.contains("never used") ? s : unused;
      failed = what.contains("failed call") ? s : failed;
    }
    assertTrue(unused != null && unused.get("what").asText().startsWith("3 result(s)"), savings.toString());
    assertEquals(0.006, unused.get("usd").asDouble(), 1e-12);
    assertTrue(failed != null && failed.get("what").asText().startsWith("1 failed"), savings.toString());
  }

  @Test
  void theJsonNamesFailuresRetriesCachingAndTheSavingsWithTheirMonthlyEquivalent()
      throws Exception {
    JsonNode json = new ObjectMapper().readTree(report().toJson());
    JsonNode total = json.get("total");
    assertEquals(1, total.get("failed_calls").asInt());
    assertEquals(1, total.get("retried_calls").asInt());
    assertEquals(0.0027, total.get("retried_usd").asDouble(), 1e-12);
    assertEquals(1, total.get("caching_opportunity_calls").asInt());
    assertEquals(0.00125, total.get("caching_opportunity_usd").asDouble(), 1e-12);
    // the calls span 10 minutes: a month is 4320 times that
    assertEquals(600.0, json.get("observed_seconds").asDouble(), 1e-6);
    assertEquals(0.00125 * 4320, json.get("monthly_equivalent_usd").get("caching_opportunity")
        .asDouble(), 1e-6);
    JsonNode savings = json.get("savings");
    assertEquals(2, savings.size(), savings.toString());
    assertTrue(savings.get(0).get("what").asText().startsWith(
        "premium model for short answers at com.acme.Classify.run:1 openai/gpt-4o"),
        savings.toString());
    assertEquals(0.0054, savings.get(0).get("usd").asDouble(), 1e-12); // 2 × $0.0027, 1 failed at $0
    assertTrue(savings.get(1).get("what").asText().contains("without a cache hit"));
    JsonNode tiering = json.get("by_call_site_and_model");
    assertEquals(2, tiering.size());
    assertEquals(2000.0, tiering.get(1).get("totals").get("mean_output_tokens").asDouble());
  }

  /** What the Batch API would have saved, credited as fan-outs are recognised, per site and model. */
  @Test
  void callsFiredSideBySideAreABatchOpportunityOfTheirSiteAndModel() throws Exception {
    RunReport report = new RunReport(8); // llmcost.batch_candidates.min_calls=8: named in the words
    RequestInfo request = new RequestInfo("gpt-4o-mini", false, null, null, null, false, true, null);
    for (int i = 0; i < 12; i++) {
      CallRecord record = new CallRecord(new Endpoint("openai", Api.OPENAI_CHAT_COMPLETIONS, true),
          "api.openai.com", 443, request, null, 200, null, Outcome.CONSUMED, i, MINUTE, -1,
          new CallSite("com.acme.Tagger.tagAll", "T.java", 7), null, 0);
      dev.llmcost.agent.waste.BatchOpportunity credit = i < 9
          ? dev.llmcost.agent.waste.BatchOpportunity.NONE
          : new dev.llmcost.agent.waste.BatchOpportunity(i == 9 ? 10 : 1, i == 9 ? 0.005 : 0.0005);
      report.accept(new PricedCall(record, new Usage(1000, 200, 0, 0, 0, 0, false),
          new Cost(0.0005, 0.0005, 0, 0, "test"), 0, false, false, 0, "gpt-4o-mini", credit));
    }
    JsonNode json = new ObjectMapper().readTree(report.toJson());
    assertEquals(12, json.get("total").get("batch_opportunity_calls").asLong());
    assertEquals(0.006, json.get("total").get("batch_opportunity_usd").asDouble(), 1e-12);
    assertEquals(0.006 * 30 * 24 * 60, json.get("monthly_equivalent_usd").get("batch_opportunity")
        .asDouble(), 1e-6, "a one-minute run, times a month of minutes");
    JsonNode top = json.get("savings").get(0);
    assertTrue(top.get("what").asText().startsWith(
        "12 call(s) at com.acme.Tagger.tagAll:7 openai/gpt-4o-mini fired side by side, 8 or more"),
        top.toString());
    assertTrue(top.get("how").asText().contains("Batch API"), top.toString());
    assertEquals(0.006, top.get("usd").asDouble(), 1e-12);
    assertTrue(report.lines().stream().anyMatch(l -> l.startsWith("12 call(s) were fired side by "
        + "side (8 or more") && l.contains("$0.006000 less")), report.lines().toString());
  }

  @Test
  void theTableEndsWithTheTopSavings() {
    String table = String.join("\n", report().lines());
    assertTrue(table.contains("1 call(s) failed ($0.000000 billed); 1 retried a failed request "
        + "($0.002700)"), table);
    assertTrue(table.contains("top savings opportunities:\n  $0.005400 ($23.33 a month) premium "
        + "model for short answers"), table);
  }

  @Test
  void theIntervalReportPrintsOnlyWhenCallsWereMadeSinceTheLastOne() {
    RunReport report = report();
    PeriodicReport periodic = new PeriodicReport(report);
    try (AgentLogCapture log = new AgentLogCapture()) {
      periodic.printIfNew();
      assertTrue(log.lines().get(0).contains("LLM cost report: 5 calls"), log.lines().toString());
      int printed = log.lines().size();
      periodic.printIfNew();
      assertEquals(printed, log.lines().size(), "nothing new, nothing printed");
      report.accept(call("gpt-4o", "Classify.run", Outcome.CONSUMED, 20, 0.0025, 0.0002, false, 0,
          11));
      periodic.printIfNew();
      assertTrue(log.lines().get(printed).contains("LLM cost report: 6 calls"));
    }
  }

  @Test
  void theMxBeanServesTheSameReportAndTheTrackingSwitchBesideIt() throws Exception {
    RunReport report = report();
    TrackingSwitch trackingSwitch = new TrackingSwitch();
    RunReportJmx jmx = new RunReportJmx(report, trackingSwitch);
    jmx.register();
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = new ObjectName(RunReportJmx.NAME);
    ObjectName switchName = new ObjectName(TrackingSwitch.NAME);
    try {
      assertEquals(false, server.getAttribute(switchName, "Paused"));
      server.setAttribute(switchName, new Attribute("Paused", true));
      assertTrue(trackingSwitch.isPaused());
      assertEquals(5L, server.getAttribute(name, "Calls"));
      assertEquals(report.total().costUsd(), (Double) server.getAttribute(name, "CostUsd"), 1e-12);
      assertEquals(report.toJson(), server.getAttribute(name, "Json"));
      assertTrue(((String) server.getAttribute(name, "Table")).startsWith("LLM cost report: 5 calls"));
      server.invoke(name, "logReport", null, null);
    } finally {
      server.unregisterMBean(name);
      server.unregisterMBean(switchName);
    }
  }
}
