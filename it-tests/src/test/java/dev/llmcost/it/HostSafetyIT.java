package dev.llmcost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.fake.FakeProvider;
import dev.llmcost.it.apps.MisuseProbeApp;
import dev.llmcost.it.apps.WireProbeApp;
import dev.llmcost.it.harness.AgentJvm;
import dev.llmcost.it.harness.Jdks;
import dev.llmcost.it.harness.JvmResult;
import dev.llmcost.it.harness.OtlpReceiver;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The agent may lose a span; the application never notices anything. */
class HostSafetyIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void aTraceBackendThatIsDownChangesNothingForTheApplication() throws Exception {
    String without = probe(AgentJvm.forMain(WireProbeApp.class));
    String with = probe(AgentJvm.forMain(WireProbeApp.class).withAgent()
        .env("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:9")
        .env("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"));
    assertEquals(without, with);
  }

  @Test
  void aNullBodyHandlerAndAClosedPortAreReportedToTheApplicationAsWithoutTheAgent() throws Exception {
    String without = probe(AgentJvm.forMain(MisuseProbeApp.class));
    String with = probe(AgentJvm.forMain(MisuseProbeApp.class).withAgent());
    assertTrue(without.contains("send with a null handler: java.lang.NullPointerException"), without);
    assertTrue(without.endsWith("requests the provider received: 0"), without);
    assertEquals(without, with);
  }

  @Test
  void brokenSettingsAreReportedInOneLineEachAndTheAgentStillWorks() throws Exception {
    try (FakeProvider provider = FakeProvider.start(); OtlpReceiver otlp = OtlpReceiver.start()) {
      JvmResult result = AgentJvm.forMain(WireProbeApp.class).on(Jdks.current())
          .withAgent("shutdown.grace_ms=soon")
          .systemProperty("llmcost.pricing.file", "/nonexistent/prices.json")
          .systemProperty("llmcost.endpionts", "typo")
          .systemProperty("llmcost.endpoints", "no-equals-sign")
          .exportingTo(otlp).args(provider.baseUrl()).timeout(WAIT).run().assertSuccess();
      String err = result.stderr();
      assertTrue(err.contains("llmcost.shutdown.grace_ms=soon is not valid"), err);
      assertTrue(err.contains("unknown setting llmcost.endpionts"), err);
      assertTrue(err.contains("/nonexistent/prices.json"), err);
      assertTrue(err.contains("no-equals-sign"), err);
      assertFalse(err.contains("\tat "), "no stack traces: " + err);
      otlp.awaitSpans(s -> s.hasAttribute("llmcost.cost.usd"), 4, WAIT);
    }
  }

  private static String probe(AgentJvm jvm) throws Exception {
    try (FakeProvider provider = FakeProvider.start()) {
      JvmResult result = jvm.on(Jdks.current()).args(provider.baseUrl()).timeout(WAIT).run()
          .assertSuccess();
      return result.stdout() + "requests the provider received: " + provider.requests().size();
    }
  }
}
