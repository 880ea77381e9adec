package dev.llmcost.it.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.fake.FakeProvider;
import dev.llmcost.it.apps.GoogleGenAiApp;
import dev.llmcost.it.harness.AgentJvm;
import dev.llmcost.it.harness.BundledPrices;
import dev.llmcost.it.harness.Jdk;
import dev.llmcost.it.harness.Jdks;
import dev.llmcost.it.harness.JvmResult;
import dev.llmcost.it.harness.OtlpReceiver;
import dev.llmcost.it.harness.ReceivedSpan;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Google's Gen AI Java SDK (Gemini), unchanged: every call priced at the bundled Gemini rates and
 * named by the application's line, not the SDK's; an async call's future decides its outcome, so
 * checks fired up front through the async client and dropped unread are abandoned and flagged.
 * Embeddings, for which Gemini reports no tokens, are estimated from their texts and priced.
 */
class GoogleGenAiIT {
  private static final Duration WAIT = Duration.ofSeconds(45);
  private static final String APP = GoogleGenAiApp.class.getName();

  static Stream<Jdk> jdks() {
    return Jdks.available().stream();
  }

  @ParameterizedTest(name = "on {0}")
  @MethodSource("jdks")
  void callsThroughTheSdkArePricedNamedAndTheirDroppedFuturesAbandoned(Jdk jdk) throws Exception {
    try (FakeProvider provider = FakeProvider.start(); OtlpReceiver otlp = OtlpReceiver.start()) {
      JvmResult result = ClientLibraries.googleGenAi().classpath()
          .apply(AgentJvm.forMain(GoogleGenAiApp.class).on(jdk)).withAgent().exportingTo(otlp)
          .args(provider.baseUrl()).timeout(WAIT).run().assertSuccess();
      assertTrue(result.stdout().contains("### valid false"), result.describe());
      assertTrue(result.stdout().contains("### embedded 4"), result.describe());
      assertTrue(result.stdout().contains("### settled before exit 10"),
          "the dropped futures were judged when collected: " + result.describe());

      List<ReceivedSpan> spans = otlp.awaitSpans(
          s -> s.name().equals("generate_content gemini-2.5-flash"), 8, WAIT);
      BundledPrices prices = BundledPrices.fromBuiltAgent();
      for (ReceivedSpan s : spans) {
        assertEquals("gcp.gemini", s.stringAttribute("gen_ai.provider.name"), s.toString());
        assertEquals(2000L, s.longAttribute("gen_ai.usage.input_tokens"), s.toString());
        assertEquals(100L, s.longAttribute("gen_ai.usage.output_tokens"), s.toString());
        assertEquals(prices.costUsd("gcp.gemini/gemini-2.5-flash", 2000, 100),
            s.doubleAttribute("llmcost.cost.usd"), 1e-12, s.toString());
        assertEquals(false, s.attribute("llmcost.usage.estimated"), s.toString());
      }
      Map<String, String> outcomeBySite = spans.stream()
          .filter(s -> !s.stringAttribute("code.function.name").endsWith(".checkAll"))
          .collect(Collectors.toMap(s -> s.stringAttribute("code.function.name"),
              s -> s.stringAttribute("llmcost.outcome")));
      assertEquals(Map.of(APP + ".chat", "consumed", APP + ".stream", "consumed",
          APP + ".askAsync", "consumed"), outcomeBySite, "the application's lines: " + spans);
      ReceivedSpan streamed = spans.stream()
          .filter(s -> s.stringAttribute("code.function.name").equals(APP + ".stream"))
          .findFirst().orElseThrow();
      assertEquals(true, streamed.attribute("gen_ai.request.stream"), streamed.toString());
      assertNotNull(streamed.attribute("gen_ai.response.time_to_first_chunk"), streamed.toString());

      Map<String, Long> checks = spans.stream()
          .filter(s -> s.stringAttribute("code.function.name").equals(APP + ".checkAll"))
          .collect(Collectors.groupingBy(s -> s.stringAttribute("llmcost.outcome"), Collectors.counting()));
      assertEquals(Map.of("consumed", 1L, "abandoned", 4L), checks, spans.toString());
      // Gemini reports no tokens for embeddings: estimated from the texts, priced as such
      List<ReceivedSpan> embeddings = otlp.awaitSpans(
          s -> s.name().equals("embeddings gemini-embedding-001"), 2, WAIT);
      for (ReceivedSpan s : embeddings) {
        assertEquals("consumed", s.stringAttribute("llmcost.outcome"), s.toString());
        assertEquals(true, s.attribute("llmcost.usage.estimated"), s.toString());
        long input = s.longAttribute("gen_ai.usage.input_tokens");
        assertTrue(input >= 5 && input <= 30, "a few words' tokens: " + s);
        assertEquals(0L, s.longAttribute("gen_ai.usage.output_tokens"), s.toString());
        assertEquals(prices.costUsd("gcp.gemini/gemini-embedding-001", input, 0),
            s.doubleAttribute("llmcost.cost.usd"), 1e-15, s.toString());
        assertEquals(APP + ".embed", s.stringAttribute("code.function.name"), s.toString());
      }

      List<String> warnings = result.stderr().lines().filter(l -> l.contains("upfront firing")).toList();
      assertEquals(1, warnings.size(), result.stderr());
      assertTrue(warnings.get(0).contains("upfront firing at " + APP + ".checkAll("), warnings.get(0));
    }
  }
}
