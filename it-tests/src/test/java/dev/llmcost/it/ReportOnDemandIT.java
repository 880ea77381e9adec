package dev.llmcost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmcost.fake.FakeProvider;
import dev.llmcost.it.apps.ReportOnDemandApp;
import dev.llmcost.it.harness.AgentJvm;
import dev.llmcost.it.harness.Jdks;
import dev.llmcost.it.harness.JvmResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The run report while the JVM runs: through the MXBean and in the log at an interval. */
class ReportOnDemandIT {
  @Test
  void theReportIsReadableOverJmxAndPrintedAtTheIntervalBeforeTheExit() throws Exception {
    try (FakeProvider provider = FakeProvider.start()) {
      JvmResult result = AgentJvm.forMain(ReportOnDemandApp.class).on(Jdks.current())
          .withAgent("llmcost.report.interval_s=1,otel.traces.exporter=none,"
              + "otel.metrics.exporter=none")
          .args(provider.baseUrl(), "2500").timeout(Duration.ofSeconds(30)).run().assertSuccess();
      assertTrue(result.stdout().contains("### jmx calls=1"), result.describe());
      String json = result.stdout().lines().filter(l -> l.startsWith("### jmx json="))
          .findFirst().orElseThrow().substring("### jmx json=".length());
      JsonNode total = new ObjectMapper().readTree(json).get("total");
      // gpt-4o-mini: 1000 × $0.15/M + 200 × $0.60/M
      assertEquals(0.00027, total.get("cost_usd").asDouble(), 1e-12);
      long reports = result.stderr().lines()
          .filter(l -> l.contains("LLM cost report: 1 calls")).count();
      assertTrue(reports >= 2, "at the interval, then at exit: " + result.stderr());
    }
  }
}
