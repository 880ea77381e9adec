package dev.llmcost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmcost.fake.FakeProvider;
import dev.llmcost.it.apps.FanOutApp;
import dev.llmcost.it.harness.AgentJvm;
import dev.llmcost.it.harness.JvmResult;
import dev.llmcost.it.harness.Jdks;
import dev.llmcost.it.harness.OtlpReceiver;
import dev.llmcost.it.harness.ReceivedMetric;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twelve calls fired side by side from one call site are pointed out as work for a Batch API,
 * with what it would have saved; twelve made one after another from another site are not.
 */
class BatchOpportunityIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  /** gpt-4o-mini: 1000 × $0.15/M + 200 × $0.60/M = $0.00027 a call; the Batch API halves it. */
  private static final double SAVED = 12 * 0.00027 / 2;

  @TempDir
  static Path dir;
  private static JsonNode report;
  private static ReceivedMetric metric;
  private static JvmResult result;

  @BeforeAll
  static void run() throws Exception {
    Path reportFile = dir.resolve("report.json");
    try (FakeProvider provider = FakeProvider.start(); OtlpReceiver otlp = OtlpReceiver.start()) {
      result = AgentJvm.forMain(FanOutApp.class).on(Jdks.current()).withAgent().exportingTo(otlp)
          .systemProperty("llmcost.report.file", reportFile.toString())
          .args(provider.baseUrl()).timeout(WAIT).run();
      result.assertSuccess();
      otlp.awaitSpans(s -> s.hasAttribute("llmcost.outcome"), 24, WAIT);
      metric = otlp.awaitMetric("llmcost.waste.batch_opportunity", WAIT);
    }
    report = new ObjectMapper().readTree(Files.readString(reportFile));
  }

  @Test
  void theFanOutIsABatchOpportunityWithItsSaving() {
    JsonNode total = report.get("total");
    assertEquals(12, total.get("batch_opportunity_calls").asLong(), total::toString);
    assertEquals(SAVED, total.get("batch_opportunity_usd").asDouble(), 1e-12);
    JsonNode top = report.get("savings").get(0);
    assertTrue(top.get("what").asText().startsWith("12 call(s) at "
        + FanOutApp.class.getName() + ".classifyAllAtOnce:"), top::toString);
    assertEquals(SAVED, top.get("usd").asDouble(), 1e-12);
    assertTrue(result.stderr().contains("12 call(s) were fired side by side"), result::stderr);
  }

  @Test
  void callsMadeOneAfterAnotherAreNot() {
    for (JsonNode row : report.get("by_call_site")) {
      long expected = row.get("name").asText().contains("classifyOneByOne") ? 0 : 12;
      assertEquals(12, row.get("totals").get("calls").asLong(), row::toString);
      assertEquals(expected, row.get("totals").get("batch_opportunity_calls").asLong(), row::toString);
    }
  }

  /** {@code llmcost.batch_candidates.min_calls} past the fan-out's twelve: no batch candidate. */
  @Test
  void aLargerFanOutSizeLeavesTwelveCallsAlone() throws Exception {
    Path reportFile = dir.resolve("report-13.json");
    try (FakeProvider provider = FakeProvider.start()) {
      JvmResult run = AgentJvm.forMain(FanOutApp.class).on(Jdks.current())
          .withAgent("llmcost.batch_candidates.min_calls=13,otel.traces.exporter=none,"
              + "otel.metrics.exporter=none")
          .systemProperty("llmcost.report.file", reportFile.toString())
          .args(provider.baseUrl()).timeout(WAIT).run();
      run.assertSuccess();
    }
    JsonNode total = new ObjectMapper().readTree(Files.readString(reportFile)).get("total");
    assertEquals(24, total.get("calls").asLong(), total::toString);
    assertEquals(0, total.get("batch_opportunity_calls").asLong(), total::toString);
  }

  @Test
  void theSavingIsAMetricToo() {
    double sum = metric.points().stream().mapToDouble(p -> p.value().doubleValue()).sum();
    assertEquals(SAVED, sum, 1e-12, metric::toString);
  }
}
