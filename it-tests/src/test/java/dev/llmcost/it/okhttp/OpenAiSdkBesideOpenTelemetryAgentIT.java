package dev.llmcost.it.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.fake.FakeProvider;
import dev.llmcost.it.apps.OpenAiChatApp;
import dev.llmcost.it.harness.AgentJvm;
import dev.llmcost.it.harness.JvmResult;
import dev.llmcost.it.harness.OpenTelemetryJavaAgent;
import dev.llmcost.it.harness.OtlpReceiver;
import dev.llmcost.it.harness.ReceivedSpan;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The OpenTelemetry Java agent instruments openai-java with a GenAI span of its own. Beside it,
 * ours (with cost) is its child: two spans with {@code gen_ai.*} for one call, unless its
 * instrumentation is turned off, as the README advises.
 */
class OpenAiSdkBesideOpenTelemetryAgentIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Duration CHILD_LIMIT = Duration.ofSeconds(45);

  /** Two JVMs with both agents, each allowed CHILD_LIMIT: more than the default 60 s in all. */
  @Test
  @Timeout(150)
  void ourSpanNestsInTheOpenTelemetryAgentsGenAiSpanOrStandsAloneWhenThatIsOff() throws Exception {
    try (FakeProvider provider = FakeProvider.start(); OtlpReceiver otlp = OtlpReceiver.start()) {
      run(provider, otlp);
      ReceivedSpan ours = otlp.awaitSpan(s -> s.scopeName().equals("dev.llmcost.agent"), WAIT);
      ReceivedSpan theirs = otlp.awaitSpan(s -> s.scopeName().startsWith("io.opentelemetry.openai-java"), WAIT);
      assertEquals("chat gpt-4o-mini", theirs.name());
      assertFalse(theirs.hasAttribute("llmcost.cost.usd"));
      assertEquals(theirs.traceId(), ours.traceId());
      assertEquals(theirs.spanId(), ours.parentSpanId(), "ours inside theirs: " + ours);
      assertTrue(ours.doubleAttribute("llmcost.cost.usd") > 0);

      otlp.clear();
      run(provider, otlp, "-Dotel.instrumentation.openai-java.enabled=false");
      ReceivedSpan alone = otlp.awaitSpan(s -> s.scopeName().equals("dev.llmcost.agent"), WAIT);
      Thread.sleep(300); // theirs would have been exported with ours
      List<ReceivedSpan> genAi = otlp.spans().stream().filter(s -> s.hasAttribute("gen_ai.operation.name")).toList();
      assertEquals(List.of(alone), genAi, "one GenAI span per call");
    }
  }

  private static void run(FakeProvider provider, OtlpReceiver otlp, String... jvmArgs) {
    AgentJvm jvm = AgentJvm.forMain(OpenAiChatApp.class).jvmArgs(jvmArgs)
        .jvmArgs(OpenTelemetryJavaAgent.flag(), "-javaagent:" + AgentJvm.builtAgentJar())
        .exportingTo(otlp).env("OTEL_METRICS_EXPORTER", "none")
        .args(provider.openAiBaseUrl()).timeout(CHILD_LIMIT);
    JvmResult result = ClientLibraries.officialSdks().get(0).classpath().apply(jvm).run().assertSuccess();
    assertTrue(result.stdout().contains("### chat 17"), result.stdout());
  }
}
