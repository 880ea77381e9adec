package dev.llmcost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.fake.FakeProvider;
import dev.llmcost.fake.FakeUsage;
import dev.llmcost.it.apps.JdkBodyHandlersApp;
import dev.llmcost.it.apps.JdkFaultsApp;
import dev.llmcost.it.apps.WireProbeApp;
import dev.llmcost.it.harness.AgentJvm;
import dev.llmcost.it.harness.Jdk;
import dev.llmcost.it.harness.JvmResult;
import dev.llmcost.it.harness.OtlpReceiver;
import dev.llmcost.it.harness.ReceivedSpan;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The spine, end to end: a real JVM, the JDK HttpClient, the built agent, a real OTLP export. */
class JdkHttpClientIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  // Bundled table, USD per million tokens.
  private static final double GPT_4O_MINI_IN = 0.15;
  private static final double GPT_4O_MINI_CACHED = 0.075;
  private static final double GPT_4O_MINI_OUT = 0.60;
  private static final double SONNET_45_IN = 3.0;
  private static final double SONNET_45_WRITE_5M = 3.75;
  private static final double SONNET_45_READ = 0.30;
  private static final double SONNET_45_OUT = 15.0;

  @ParameterizedTest
  @MethodSource("dev.llmcost.it.harness.Jdks#available")
  void everyBodyHandlerFormIsOneSpanWithTheBilledTokensAndTheAppSeesTheSameBytes(Jdk jdk)
      throws Exception {
    String without = runHandlers(jdk, null);
    try (OtlpReceiver otlp = OtlpReceiver.start()) {
      String with = runHandlers(jdk, otlp);
      assertEquals(without, with, "the application's output must not change under the agent");
      List<ReceivedSpan> spans = otlp.awaitSpans(s -> s.name().equals("chat gpt-4o-mini"), 10, WAIT);
      assertEquals(10, spans.size());
      Set<String> tokens = spans.stream()
          .map(s -> s.longAttribute("gen_ai.usage.input_tokens") + "/"
              + s.longAttribute("gen_ai.usage.output_tokens"))
          .collect(Collectors.toCollection(TreeSet::new));
      Set<String> expected = new TreeSet<>();
      for (int i = 0; i < 10; i++) {
        expected.add((100 + i) + "/" + (10 + i));
      }
      assertEquals(expected, tokens, "each call's tokens are exactly what the provider billed");
      for (ReceivedSpan s : spans) {
        assertEquals("consumed", s.stringAttribute("llmcost.outcome"), s.toString());
        assertEquals(usd(s.longAttribute("gen_ai.usage.input_tokens"), GPT_4O_MINI_IN)
                + usd(s.longAttribute("gen_ai.usage.output_tokens"), GPT_4O_MINI_OUT),
            s.doubleAttribute("llmcost.cost.usd"), 1e-12);
        assertFalse((Boolean) s.attribute("llmcost.usage.estimated"));
      }
      assertFalse(otlp.receivedBytesContain("sk-secret-jdk-handlers"), "no API key is exported");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.llmcost.it.harness.Jdks#available")
  void openAiAndAnthropicCallsFollowTheGenAiConventionsWithCachedTokensAndCost(Jdk jdk)
      throws Exception {
    try (FakeProvider provider = FakeProvider.start(); OtlpReceiver otlp = OtlpReceiver.start()) {
      provider.setUsage(FakeUsage.of(1200, 300).withCacheRead(1000).withCacheWrite(100));
      AgentJvm.forMain(WireProbeApp.class).on(jdk).withAgent().exportingTo(otlp)
          .args(provider.baseUrl()).timeout(WAIT).run().assertSuccess();

      List<ReceivedSpan> openAi = otlp.awaitSpans(s -> s.name().equals("chat gpt-4o-mini"), 2, WAIT);
      for (ReceivedSpan s : openAi) {
        assertEquals("CLIENT", s.kind());
        assertEquals("openai", s.stringAttribute("gen_ai.provider.name"));
        assertEquals("chat", s.stringAttribute("gen_ai.operation.name"));
        assertEquals("chat_completions", s.stringAttribute("openai.api.type"));
        assertEquals("127.0.0.1", s.stringAttribute("server.address"));
        assertEquals(provider.port(), s.longAttribute("server.port"));
        assertEquals(1200, s.longAttribute("gen_ai.usage.input_tokens"));
        assertEquals(1000, s.longAttribute("gen_ai.usage.cache_read.input_tokens"));
        assertEquals(300, s.longAttribute("gen_ai.usage.output_tokens"));
        assertTrue(s.stringAttribute("gen_ai.response.id").startsWith("chatcmpl-"));
        assertEquals(List.of("stop"), s.attribute("gen_ai.response.finish_reasons"));
        // OpenAI bills cached input at its own price; the rest of the input (and cache writes,
        // which OpenAI does not have) at the input price.
        double expected = usd(200, GPT_4O_MINI_IN) + usd(1000, GPT_4O_MINI_CACHED)
            + usd(300, GPT_4O_MINI_OUT);
        assertEquals(expected, s.doubleAttribute("llmcost.cost.usd"), 1e-12);
        assertTrue(s.stringAttribute("llmcost.pricing.source").contains("openai/gpt-4o-mini"));
      }
      assertTrue(openAi.stream().anyMatch(s -> s.hasAttribute("gen_ai.response.time_to_first_chunk")),
          "the stream reports its time to first chunk");

      List<ReceivedSpan> anthropic =
          otlp.awaitSpans(s -> s.name().equals("chat claude-sonnet-4-5"), 2, WAIT);
      for (ReceivedSpan s : anthropic) {
        assertEquals("anthropic", s.stringAttribute("gen_ai.provider.name"));
        // The conventions' input_tokens include Anthropic's cache reads and writes.
        assertEquals(1200, s.longAttribute("gen_ai.usage.input_tokens"));
        assertEquals(1000, s.longAttribute("gen_ai.usage.cache_read.input_tokens"));
        assertEquals(100, s.longAttribute("gen_ai.usage.cache_creation.input_tokens"));
        assertEquals(300, s.longAttribute("gen_ai.usage.output_tokens"));
        double expected = usd(100, SONNET_45_IN) + usd(1000, SONNET_45_READ)
            + usd(100, SONNET_45_WRITE_5M) + usd(300, SONNET_45_OUT);
        assertEquals(expected, s.doubleAttribute("llmcost.cost.usd"), 1e-12);
        assertEquals(usd(100, SONNET_45_WRITE_5M), s.doubleAttribute("llmcost.cost.cache_write_usd"), 1e-12);
      }
      assertFalse(otlp.receivedBytesContain("sk-test-probe"));
      assertFalse(otlp.receivedBytesContain("sk-ant-test-probe"));
      otlp.awaitMetric("gen_ai.client.token.usage", WAIT);
      otlp.awaitMetric("llmcost.cost", WAIT);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.llmcost.it.harness.Jdks#available")
  void failuresAreErrorSpansAndNonLlmRequestsAreNotTraced(Jdk jdk) throws Exception {
    try (FakeProvider provider = FakeProvider.start(); OtlpReceiver otlp = OtlpReceiver.start()) {
      JvmResult result = AgentJvm.forMain(JdkFaultsApp.class).on(jdk).withAgent().exportingTo(otlp)
          .args(provider.baseUrl()).timeout(WAIT).run().assertSuccess();
      assertTrue(result.stdout().contains("### rate-limited 429"), result.describe());

      ReceivedSpan limited = otlp.awaitSpan(s -> "429".equals(s.stringAttribute("error.type")), WAIT);
      assertEquals("ERROR", limited.statusCode());
      assertEquals("failed", limited.stringAttribute("llmcost.outcome"));
      assertFalse(limited.hasAttribute("llmcost.cost.usd"), "a rejected request costs nothing");
      otlp.awaitSpan(s -> "500".equals(s.stringAttribute("error.type")), WAIT);

      ReceivedSpan dropped = otlp.awaitSpan(s -> "failed".equals(s.stringAttribute("llmcost.outcome"))
          && !s.stringAttribute("error.type").matches("\\d+"), WAIT);
      assertTrue(dropped.stringAttribute("error.type").contains("IOException"), dropped.toString());
      assertEquals(Boolean.TRUE, dropped.attribute("llmcost.usage.estimated"),
          "a stream cut before its usage block is estimated");
      assertTrue(dropped.longAttribute("gen_ai.usage.input_tokens") > 0);
      assertTrue(dropped.doubleAttribute("llmcost.waste.usd") > 0, "what was generated is wasted");

      Thread.sleep(500); // let any stray span arrive before counting
      assertEquals(3, otlp.spans().size(), "GET /v1/models is not an LLM call: " + otlp.spans());
    }
  }

  private static String runHandlers(Jdk jdk, OtlpReceiver otlp) throws Exception {
    try (FakeProvider provider = FakeProvider.start()) {
      AgentJvm jvm = AgentJvm.forMain(JdkBodyHandlersApp.class).on(jdk).args(provider.baseUrl())
          .timeout(WAIT);
      if (otlp != null) {
        jvm = jvm.withAgent().exportingTo(otlp);
      }
      return jvm.run().assertSuccess().stdout();
    }
  }

  private static double usd(long tokens, double perMillion) {
    return tokens * perMillion / 1_000_000;
  }
}
