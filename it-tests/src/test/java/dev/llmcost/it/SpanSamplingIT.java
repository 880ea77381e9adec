package dev.llmcost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmcost.fake.FakeProvider;
import dev.llmcost.it.apps.CallLoopApp;
import dev.llmcost.it.harness.AgentJvm;
import dev.llmcost.it.harness.JvmResult;
import dev.llmcost.it.harness.OtlpReceiver;
import dev.llmcost.it.harness.ReceivedMetric;
import dev.llmcost.it.harness.ReceivedSpan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service with many LLM calls may sample spans the standard way ({@code OTEL_TRACES_SAMPLER}):
 * a span's export is most of what the agent costs a call, while its cost figures are counted
 * apart from spans. Only the spans thin out; the metrics and the run report count every call.
 */
class SpanSamplingIT {
  private static final int CALLS = 200;
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void aQuarterOfTheSpansAndEveryCallInTheMetricsAndTheReport(@TempDir Path dir) throws Exception {
    Path reportFile = dir.resolve("report.json");
    try (FakeProvider provider = FakeProvider.start(); OtlpReceiver otlp = OtlpReceiver.start()) {
      JvmResult result = AgentJvm.forMain(CallLoopApp.class).withAgent().exportingTo(otlp)
          .env("OTEL_TRACES_SAMPLER", "traceidratio")
          .env("OTEL_TRACES_SAMPLER_ARG", "0.25")
          .systemProperty("llmcost.report.file", reportFile.toString())
          .args(provider.baseUrl(), String.valueOf(CALLS)).timeout(WAIT)
          .run().assertSuccess();

      ReceivedMetric calls = otlp.awaitMetric("llmcost.calls", m -> callsCounted(m) == CALLS, WAIT);
      assertEquals(CALLS, callsCounted(calls));
      JsonNode total = new ObjectMapper().readTree(Files.readString(reportFile)).get("total");
      assertEquals(CALLS, total.get("calls").asLong(), "the report counts every call");
      assertFalse(result.stderr().contains("were not exported"),
          "spans left out by the sampler are not reported lost: " + result.stderr());

      // The exit flush has run (the JVM is gone), so every sampled span has arrived. Trace ids are
      // random: 50 expected, standard deviation 6.1; 5 and 120 are 7 and 11 of them away.
      List<ReceivedSpan> spans = otlp.spans();
      assertTrue(spans.size() >= 5 && spans.size() <= 120, spans.size() + " spans of " + CALLS);
      ReceivedSpan one = spans.get(0);
      assertEquals("chat gpt-4o-mini", one.name());
      assertTrue(one.doubleAttribute("llmcost.cost.usd") > 0, "a sampled span is whole");
    }
  }

  /** The counter's points added up: one per provider, model and outcome. */
  private static long callsCounted(ReceivedMetric calls) {
    return calls.points().stream().mapToLong(p -> p.value().longValue()).sum();
  }
}
