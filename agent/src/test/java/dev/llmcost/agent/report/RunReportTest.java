package dev.llmcost.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmcost.agent.call.CallRecord;
import dev.llmcost.agent.call.CallSite;
import dev.llmcost.agent.call.Outcome;
import dev.llmcost.agent.call.PricedCall;
import dev.llmcost.agent.pricing.Cost;
import dev.llmcost.agent.provider.Api;
import dev.llmcost.agent.provider.Endpoint;
import dev.llmcost.agent.provider.RequestInfo;
import dev.llmcost.agent.usage.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class RunReportTest {
  private static PricedCall call(Outcome outcome, long input, long cached, double usd) {
    return call("gpt-4o", outcome, input, cached, usd);
  }

  private static PricedCall call(String model, Outcome outcome, long input, long cached, double usd) {
    RequestInfo request = new RequestInfo(model, false, null, null, null, false, true, null, null);
    CallRecord record = new CallRecord(new Endpoint("openai", Api.OPENAI_CHAT_COMPLETIONS, true),
        "api.openai.com", 443, request, null, 200, null, outcome, 0, 1, -1,
        new CallSite("com.acme.Quote.\"run\"", "Quote.java", 7), null, 0);
    Usage usage = new Usage(input, 10, cached, 0, 0, 0, false);
    return new PricedCall(record, usage, new Cost(usd, 0, 0, 0, "test"),
        outcome == Outcome.CONSUMED ? 0 : usd, false);
  }

  @Test
  void theJsonReportCarriesTheSameFiguresAsTheTable() throws Exception {
    RunReport report = new RunReport();
    report.accept(call(Outcome.CONSUMED, 100, 50, 0.25));
    report.accept(call(Outcome.ABANDONED, 300, 0, 0.75));
    JsonNode json = new ObjectMapper().readTree(report.toJson());
    JsonNode total = json.get("total");
    assertEquals(2, total.get("calls").asInt());
    assertEquals(1.0, total.get("cost_usd").asDouble(), 1e-9);
    assertEquals(0.75, total.get("waste_usd").asDouble(), 1e-9);
    assertEquals(50.0 / 400, total.get("cache_hit_ratio").asDouble(), 1e-6);
    assertEquals(1, total.get("outcomes").get("abandoned").asInt());
    assertEquals("openai/gpt-4o", json.get("by_model").get(0).get("name").asText());
    assertEquals("com.acme.Quote.\"run\":7", json.get("by_call_site").get(0).get("name").asText());
    assertTrue(report.lines().get(0).contains("2 calls, $1.000000 spent, $0.750000 wasted"));
  }

  /** Read while calls settle (over JMX, at an interval), a report counts the same calls throughout. */
  @Test
  void aReportReadWhileCallsSettleAddsUp() throws Exception {
    RunReport report = new RunReport();
    report.accept(call(Outcome.CONSUMED, 100, 0, 0.001));
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> settling = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      Thread thread = new Thread(() -> {
        while (!stop.get()) {
          report.accept(call(Outcome.CONSUMED, 100, 0, 0.001));
        }
      });
      thread.start();
      settling.add(thread);
    }
    try {
      for (int i = 0; i < 300; i++) {
        JsonNode json = new ObjectMapper().readTree(report.toJson());
        assertEquals(json.get("total").get("calls").asLong(),
            json.get("by_model").get(0).get("totals").get("calls").asLong(), "one model: same calls");
        List<String> lines = report.lines();
        String calls = lines.get(0).replaceAll("^LLM cost report: (\\d+) calls.*", "$1");
        assertTrue(lines.get(2).matches("\\s+openai/gpt-4o\\s+" + calls + "\\s.*"), lines.get(0) + "\n" + lines.get(2));
      }
    } finally {
      stop.set(true);
      for (Thread thread : settling) {
        thread.join();
      }
    }
  }

  @Test
  void endlessModelNamesShareOneRowPastTheBound() throws Exception {
    RunReport report = new RunReport();
    for (int i = 0; i < RunReport.MAX_MODELS + 50; i++) {
      report.accept(call("model-" + i, Outcome.CONSUMED, 100, 0, 0.001 * (i + 1)));
    }
    JsonNode byModel = new ObjectMapper().readTree(report.toJson()).get("by_model");
    assertEquals(RunReport.MAX_MODELS + 1, byModel.size());
    JsonNode other = null;
    for (JsonNode row : byModel) {
      other = "(other models)".equals(row.get("name").asText()) ? row : other;
    }
    assertEquals(50, other.get("totals").get("calls").asInt());
    // The printed table: the costliest models, then how many rows it left out.
    List<String> lines = report.lines();
    long modelRows = lines.stream()
        .filter(l -> l.startsWith("  openai/") || l.startsWith("  (other models)")).count();
    assertEquals(RunReport.PRINTED_MODELS, modelRows);
    assertTrue(lines.contains("  ... " + (RunReport.MAX_MODELS + 1 - RunReport.PRINTED_MODELS)
        + " more model rows, costing less"), String.join("\n", lines));
  }
}
