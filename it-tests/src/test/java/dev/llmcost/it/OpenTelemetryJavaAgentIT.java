package dev.llmcost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.fake.FakeProvider;
import dev.llmcost.it.apps.AgentTracedServerApp;
import dev.llmcost.it.harness.AgentJvm;
import dev.llmcost.it.harness.Jdk;
import dev.llmcost.it.harness.Jdks;
import dev.llmcost.it.harness.JvmResult;
import dev.llmcost.it.harness.OpenTelemetryJavaAgent;
import dev.llmcost.it.harness.OtlpReceiver;
import dev.llmcost.it.harness.ReceivedSpan;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our agent beside the real OpenTelemetry Java agent (from Maven Central, unchanged), both
 * exporting to one OTLP receiver: each LLM span sits in the request trace the OpenTelemetry agent
 * started, under its server span, next to (never instead of) that agent's own HTTP client span
 * for the same exchange: nested in it for the JDK HttpClient, beside it for OkHttp.
 */
class OpenTelemetryJavaAgentIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  /** About 8 s on an idle machine; the OpenTelemetry agent's start-up is most of it and slows most under load. */
  private static final Duration CHILD_LIMIT = Duration.ofSeconds(45);

  @ParameterizedTest
  @MethodSource("dev.llmcost.it.harness.Jdks#available")
  void llmSpansAreChildrenOfTheServerSpanTheOpenTelemetryAgentStarted(Jdk jdk) throws Exception {
    assertTraceWithBothAgents(jdk, OpenTelemetryJavaAgent.flag(),
        "-javaagent:" + AgentJvm.builtAgentJar());
  }

  @Test
  void theOrderOfTheJavaagentFlagsDoesNotMatter() throws Exception {
    assertTraceWithBothAgents(Jdks.current(), "-javaagent:" + AgentJvm.builtAgentJar(),
        OpenTelemetryJavaAgent.flag());
  }

  private static void assertTraceWithBothAgents(Jdk jdk, String... javaagentFlags) throws Exception {
    try (FakeProvider provider = FakeProvider.start(); OtlpReceiver otlp = OtlpReceiver.start()) {
      JvmResult result = AgentJvm.forMain(AgentTracedServerApp.class).on(jdk)
          .jvmArgs(javaagentFlags)
          .withLibraries("okhttp-", "okio-", "kotlin-stdlib")
          .exportingTo(otlp)
          .env("OTEL_METRICS_EXPORTER", "none")
          .args(provider.baseUrl()).timeout(CHILD_LIMIT).run()
          .assertSuccess();
      assertTrue(result.stdout().contains("### served 200 200 200 200"), result.stdout());
      try {
        assertTraces(otlp);
      } catch (AssertionError e) {
        // Spans missing: what the child printed says whether either agent tried to export.
        throw new AssertionError(e.getMessage() + "\n" + result.describe(), e);
      }
    }
  }

  private static void assertTraces(OtlpReceiver otlp) throws InterruptedException {
    ReceivedSpan server = otlp.awaitSpan(s -> s.kind().equals("SERVER"), WAIT);
    List<ReceivedSpan> llm = otlp.awaitSpans(s -> s.hasAttribute("gen_ai.provider.name"), 3, WAIT);
    List<ReceivedSpan> http = otlp.awaitSpans(s -> s.kind().equals("CLIENT")
        && s.scopeName().startsWith("io.opentelemetry.") && server.spanId().equals(s.parentSpanId()), 3, WAIT);
    for (ReceivedSpan s : llm) {
      assertEquals("CLIENT", s.kind());
      assertEquals(server.traceId(), s.traceId(), "in the request's trace: " + s);
      assertTrue(s.doubleAttribute("llmcost.cost.usd") > 0, "priced: " + s);
    }
    for (ReceivedSpan s : http) {
      assertEquals(200L, s.longAttribute("http.response.status_code"), "the other agent's HTTP span: " + s);
      assertFalse(s.hasAttribute("gen_ai.provider.name"), "HTTP only, no LLM attributes: " + s);
    }
    // JDK HttpClient: the other agent's span opens in the public send/sendAsync, ours in the
    // private sendAsync they call, so ours nests in it.
    for (ReceivedSpan s : llm.stream().filter(s -> s.name().equals("chat gpt-4o-mini")).toList()) {
      ReceivedSpan parent = spanById(http, s.parentSpanId());
      assertEquals("io.opentelemetry.java-http-client", parent.scopeName(), "inside its HTTP span: " + s);
    }
    // OkHttp: our interceptor runs before the other agent's, so both are children of the server span.
    ReceivedSpan okHttpCall = llm.stream().filter(s -> s.name().equals("chat gpt-4o")).findFirst().orElseThrow();
    assertEquals(server.spanId(), okHttpCall.parentSpanId(), "beside its HTTP span: " + okHttpCall);
    Thread.sleep(300); // a duplicate would have been exported with the others
    assertEquals(3, otlp.spans().stream().filter(s -> s.hasAttribute("gen_ai.provider.name")).count(),
        "one LLM span per call");
  }

  private static ReceivedSpan spanById(List<ReceivedSpan> spans, String id) {
    return spans.stream().filter(s -> s.spanId().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no span " + id + " among " + spans));
  }
}
