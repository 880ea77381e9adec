package dev.llmcost.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.fake.FakeProvider;
import dev.llmcost.it.apps.WireProbeApp;
import dev.llmcost.it.harness.AgentJvm;
import dev.llmcost.it.harness.Jdks;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The exporters that print ({@code console}, {@code logging-otlp}), the quickest way to see the
 * agent work, print a short run's spans and metrics, all exported at exit after the JDK has
 * closed the java.util.logging handlers they write through.
 */
class ConsoleExportersIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void theConsoleExportersPrintAShortRunsSpansAndMetrics() throws Exception {
    String err = stderrWithExporter("console");
    assertTrue(err.contains("'chat gpt-4o-mini'"), err);
    assertTrue(err.contains("'chat claude-sonnet-4-5'"), err);
    assertTrue(err.contains("name=gen_ai.client.token.usage"), err);
  }

  @Test
  void theLoggingOtlpExportersPrintAShortRunsSpansAndMetricsAsJson() throws Exception {
    String err = stderrWithExporter("logging-otlp");
    assertTrue(err.contains("\"scopeSpans\""), err);
    assertTrue(err.contains("\"chat gpt-4o-mini\""), err);
    assertTrue(err.contains("\"scopeMetrics\""), err);
    assertTrue(err.contains("\"chat claude-sonnet-4-5\""), err);
  }

  private static String stderrWithExporter(String exporter) throws Exception {
    try (FakeProvider provider = FakeProvider.start()) {
      return AgentJvm.forMain(WireProbeApp.class).on(Jdks.current()).withAgent()
          .env("OTEL_TRACES_EXPORTER", exporter).env("OTEL_METRICS_EXPORTER", exporter)
          .args(provider.baseUrl()).timeout(WAIT).run().assertSuccess().stderr();
    }
  }
}
