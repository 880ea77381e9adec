package dev.llmcost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmcost.fake.FakeProvider;
import dev.llmcost.it.apps.CostMixApp;
import dev.llmcost.it.harness.AgentJvm;
import dev.llmcost.it.harness.Jdks;
import dev.llmcost.it.harness.OtlpReceiver;
import dev.llmcost.it.harness.ReceivedMetric;
import dev.llmcost.it.harness.ReceivedSpan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every billing mode in one real run (JDK HttpClient, the built agent, a real OTLP export): each
 * span's cost is the hand-computed tokens × price of the bundled table (2026-11-23), batch
 * results at batch rates, and the run report written at exit adds up to exactly the spans.
 */
class CostReportIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final double MICRO = 1e-6;
  /** 10 calls, 2 batch submissions, 2 batch results downloads. */
  private static final int CALLS = 14;

  @TempDir
  static Path dir;
  private static List<ReceivedSpan> spans;
  private static ReceivedMetric hitRatio;
  private static JsonNode report;

  @BeforeAll
  static void run() throws Exception {
    Path reportFile = dir.resolve("report.json");
    try (FakeProvider provider = FakeProvider.start(); OtlpReceiver otlp = OtlpReceiver.start()) {
      AgentJvm.forMain(CostMixApp.class).on(Jdks.current()).withAgent().exportingTo(otlp)
          .systemProperty("llmcost.report.file", reportFile.toString())
          .args(provider.baseUrl()).timeout(WAIT).run().assertSuccess();
      spans = otlp.awaitSpans(s -> s.hasAttribute("llmcost.outcome"), CALLS, WAIT);
      hitRatio = otlp.awaitMetric("llmcost.cache.hit_ratio", WAIT);
    }
    report = new ObjectMapper().readTree(Files.readString(reportFile));
  }

  private static ReceivedSpan span(String name) {
    List<ReceivedSpan> found = spans.stream().filter(s -> s.name().equals(name)).toList();
    assertEquals(1, found.size(), name + " in " + spans);
    return found.get(0);
  }

  @Test
  void eachBillingModeIsTokensTimesItsPrice() {
    // gpt-4o-mini $0.15/M in, $0.60/M out: 1000 × 0.15 + 200 × 0.60 = $0.000270
    ReceivedSpan plain = spans.stream().filter(s -> s.name().equals("chat gpt-4o-mini")
        && s.longAttribute("gen_ai.usage.input_tokens") == 1000).findFirst().orElseThrow();
    assertEquals(0.000270, plain.doubleAttribute("llmcost.cost.usd"), MICRO / 1000);
    // claude-sonnet-4-5 $3 in, $0.30 read, $3.75 5m write, $6 1h write, $15 out:
    // 1000 × 3 + 6000 × 0.30 + 2000 × 3.75 + 1000 × 6 + 400 × 15 = $0.024300
    ReceivedSpan cached = span("chat claude-sonnet-4-5");
    assertEquals(10000, cached.longAttribute("gen_ai.usage.input_tokens"));
    assertEquals(6000, cached.longAttribute("gen_ai.usage.cache_read.input_tokens"));
    assertEquals(3000, cached.longAttribute("gen_ai.usage.cache_creation.input_tokens"));
    assertEquals(0.0243, cached.doubleAttribute("llmcost.cost.usd"), MICRO / 1000);
    assertEquals(0.0018, cached.doubleAttribute("llmcost.cost.cache_read_usd"), MICRO / 1000);
    assertEquals(0.0135, cached.doubleAttribute("llmcost.cost.cache_write_usd"), MICRO / 1000);
    // o3 $2 in, $8 out, reasoning billed inside output: 500 × 2 + 3000 × 8 = $0.025
    ReceivedSpan reasoning = span("chat o3");
    assertEquals(2500, reasoning.longAttribute("gen_ai.usage.reasoning.output_tokens"));
    assertEquals(0.025, reasoning.doubleAttribute("llmcost.cost.usd"), MICRO / 1000);
    // text-embedding-3-small $0.02/M, input only: 4000 × 0.02 = $0.00008
    assertEquals(0.00008, span("embeddings text-embedding-3-small")
        .doubleAttribute("llmcost.cost.usd"), MICRO / 1000);
    // a stream without include_usage: counted with o200k_base and flagged
    ReceivedSpan estimated = span("chat gpt-4o");
    assertEquals(Boolean.TRUE, estimated.attribute("llmcost.usage.estimated"));
    assertTrue(estimated.longAttribute("gen_ai.usage.output_tokens") > 0);
  }

  @Test
  void batchResultsArePricedAtBatchRatesAndSubmissionsSaySoWhenTheyCarryNoCost() {
    // 4 × gpt-4o-mini (1200 in of which 1024 cached, 300 out) at 50% off:
    // 4 × (176 × 0.15 + 1024 × 0.075 + 300 × 0.60) × 0.5 = 4 × 141.6 µ$ = $0.0005664
    ReceivedSpan openAi = span("batch_results gpt-4o-mini");
    assertEquals(Boolean.TRUE, openAi.attribute("llmcost.batch"));
    assertEquals(4, openAi.longAttribute("llmcost.batch.results"));
    assertEquals(4800, openAi.longAttribute("gen_ai.usage.input_tokens"));
    assertEquals(0.0005664, openAi.doubleAttribute("llmcost.cost.usd"), MICRO / 1000);
    assertTrue(openAi.stringAttribute("llmcost.pricing.source").endsWith("openai/gpt-4o-mini batch"));
    // 2 × claude-haiku-4-5 (1000 plain at $1, 1000 read at $0.10, 100 out at $5) at 50% off:
    // 2 × (1000 + 100 + 500) × 0.5 µ$ = $0.0016
    ReceivedSpan anthropic = span("batch_results claude-haiku-4-5");
    assertEquals(2, anthropic.longAttribute("llmcost.batch.results"));
    assertEquals(0.0016, anthropic.doubleAttribute("llmcost.cost.usd"), MICRO / 1000);
    assertEquals("consumed", anthropic.stringAttribute("llmcost.outcome"));
    List<ReceivedSpan> submissions = spans.stream().filter(s -> s.name().equals("batch")).toList();
    assertEquals(2, submissions.size());
    for (ReceivedSpan s : submissions) {
      assertEquals(Boolean.FALSE, s.attribute("llmcost.batch.results_visible"), s::toString);
      assertFalse(s.hasAttribute("llmcost.cost.usd"), s::toString);
      assertTrue(s.stringAttribute("gen_ai.response.id").contains("batch_fake"), s::toString);
    }
  }

  @Test
  void theReportAtExitAddsUpToExactlyTheExportedSpans() {
    JsonNode total = report.get("total");
    assertEquals(CALLS, spans.size());
    assertEquals(spans.size(), total.get("calls").asLong());
    assertEquals(sum("gen_ai.usage.input_tokens"), total.get("input_tokens").asLong());
    assertEquals(sum("gen_ai.usage.output_tokens"), total.get("output_tokens").asLong());
    assertEquals(sum("gen_ai.usage.cache_read.input_tokens"), total.get("cache_read_tokens").asLong());
    double cost = spans.stream().filter(s -> s.hasAttribute("llmcost.cost.usd"))
        .mapToDouble(s -> s.doubleAttribute("llmcost.cost.usd")).sum();
    // the report prints nine decimals: equal to a nano-dollar
    assertEquals(cost, total.get("cost_usd").asDouble(), 1e-9);
    double byModel = 0;
    for (JsonNode row : report.get("by_model")) {
      byModel += row.get("totals").get("cost_usd").asDouble();
    }
    assertEquals(cost, byModel, 1e-8);
    assertEquals(1, total.get("outcomes").get("failed").asLong());
  }

  @Test
  void retriesAndResentPrefixesAreMarkedAndAddUpInTheReport() {
    List<ReceivedSpan> retries = spans.stream()
        .filter(s -> Boolean.TRUE.equals(s.attribute("llmcost.request.retry"))).toList();
    assertEquals(1, retries.size(), spans::toString);
    assertEquals(300, retries.get(0).longAttribute("gen_ai.usage.input_tokens"));
    JsonNode total = report.get("total");
    assertEquals(1, total.get("retried_calls").asLong());
    assertEquals(retries.get(0).doubleAttribute("llmcost.cost.usd"),
        total.get("retried_usd").asDouble(), 1e-9);
    // the second gpt-4.1 call resent the same 1024+ token system prompt without a cache hit:
    // its tokens would have cost $0.50/M cached instead of $2/M (gpt-4.1)
    List<ReceivedSpan> resent = spans.stream()
        .filter(s -> s.hasAttribute("llmcost.caching.opportunity_usd")).toList();
    assertEquals(1, resent.size(), spans::toString);
    double saving = resent.get(0).doubleAttribute("llmcost.caching.opportunity_usd");
    assertTrue(saving >= 1024 * 1.5 / 1e6, "at least 1024 tokens × $1.50/M: " + saving);
    assertEquals(saving, total.get("caching_opportunity_usd").asDouble(), 1e-9);
    assertTrue(report.get("monthly_equivalent_usd").get("caching_opportunity").asDouble() > saving);
    JsonNode savings = report.get("savings");
    assertTrue(savings.toString().contains("premium model for short answers"), savings::toString);
  }

  @Test
  void theSameRequestSentAgainIsADuplicateWithItsCost() {
    List<ReceivedSpan> duplicates = spans.stream()
        .filter(s -> Boolean.TRUE.equals(s.attribute("llmcost.request.duplicate"))).toList();
    assertEquals(1, duplicates.size(), spans::toString);
    assertEquals("chat gpt-4o-mini", duplicates.get(0).name());
    assertEquals(1, report.get("total").get("duplicate_calls").asLong());
    // 1000 × $0.15/M + 200 × $0.60/M, what a response cache would have saved
    assertEquals(0.00027, report.get("total").get("duplicate_usd").asDouble(), 1e-12);
  }

  @Test
  void theCacheHitRatioIsAMetricPerModelAndCallSite() {
    ReceivedMetric.Point sonnet = hitRatio.points().stream()
        .filter(p -> "claude-sonnet-4-5".equals(p.attributes().get("gen_ai.request.model")))
        .findFirst().orElseThrow(() -> new AssertionError(hitRatio.toString()));
    assertEquals(0.6, sonnet.value().doubleValue(), 1e-9, "6000 of 10000 input tokens read from the cache");
    assertTrue(String.valueOf(sonnet.attributes().get("code.function.name"))
        .startsWith(CostMixApp.class.getName()));
  }

  private static long sum(String attribute) {
    return spans.stream().filter(s -> s.hasAttribute(attribute))
        .mapToLong(s -> s.longAttribute(attribute)).sum();
  }
}
