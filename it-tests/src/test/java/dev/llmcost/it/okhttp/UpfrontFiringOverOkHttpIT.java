package dev.llmcost.it.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.fake.FakeProvider;
import dev.llmcost.it.apps.AnthropicAsyncUpfrontFiringApp;
import dev.llmcost.it.apps.OkHttpUpfrontFiringApp;
import dev.llmcost.it.apps.OpenAiAsyncCancelApp;
import dev.llmcost.it.apps.OpenAiAsyncEmbeddingsApp;
import dev.llmcost.it.apps.OpenAiAsyncUpfrontFiringApp;
import dev.llmcost.it.harness.AgentJvm;
import dev.llmcost.it.harness.Jdk;
import dev.llmcost.it.harness.Jdks;
import dev.llmcost.it.harness.JvmResult;
import dev.llmcost.it.harness.OtlpReceiver;
import dev.llmcost.it.harness.ReceivedSpan;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests fired up front and dropped on an early return, through OkHttp's {@code enqueue} (the
 * responses handed to callbacks and never read) and through the OpenAI SDK's async client (the
 * futures never read, though the SDK read every answer; the Anthropic SDK's too): seven of eight calls are abandoned, each
 * with its full billed cost as waste, and one warning names the application line that fired them.
 */
class UpfrontFiringOverOkHttpIT {
  private static final Duration WAIT = Duration.ofSeconds(45);

  static Stream<Arguments> okHttpOnEveryJdk() {
    return Jdks.available().stream()
        .flatMap(jdk -> ClientLibraries.okHttp().stream().map(libs -> Arguments.of(jdk, libs)));
  }

  static Stream<Arguments> sdksOnEveryJdk() {
    return Jdks.available().stream()
        .flatMap(jdk -> ClientLibraries.officialSdks().stream().map(libs -> Arguments.of(jdk, libs)));
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("okHttpOnEveryJdk")
  void enqueuedCallsWhoseResponsesAreNeverReadAreAbandonedWithTheirCost(Jdk jdk, ClientLibraries libs)
      throws Exception {
    assertSevenOfEightAbandoned(OkHttpUpfrontFiringApp.class, jdk, libs, "", Prices.GPT_4O_MINI);
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("sdksOnEveryJdk")
  void sdkFuturesNeverReadAreAbandonedWithTheirCost(Jdk jdk, ClientLibraries libs) throws Exception {
    assertSevenOfEightAbandoned(OpenAiAsyncUpfrontFiringApp.class, jdk, libs, "/v1", Prices.GPT_4O_MINI);
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("sdksOnEveryJdk")
  void anthropicSdkFuturesNeverReadAreAbandonedWithTheirCost(Jdk jdk, ClientLibraries libs)
      throws Exception {
    assertSevenOfEightAbandoned(AnthropicAsyncUpfrontFiringApp.class, jdk, libs, "",
        Prices.CLAUDE_HAIKU_4_5);
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("sdksOnEveryJdk")
  void embeddingsFuturesNeverReadAreAbandoned(Jdk jdk, ClientLibraries libs) throws Exception {
    try (FakeProvider provider = FakeProvider.start(); OtlpReceiver otlp = OtlpReceiver.start()) {
      JvmResult result = libs.classpath().apply(AgentJvm.forMain(OpenAiAsyncEmbeddingsApp.class)
          .on(jdk)).withAgent().exportingTo(otlp).args(provider.baseUrl() + "/v1").timeout(WAIT)
          .run().assertSuccess();
      assertTrue(result.stdout().contains("### first vector read: true"), result.describe());
      List<ReceivedSpan> spans = otlp.awaitSpans(
          s -> s.name().equals("embeddings text-embedding-3-small"), 4, WAIT);
      assertEquals(List.of("abandoned", "abandoned", "abandoned", "consumed"), spans.stream()
          .map(s -> s.stringAttribute("llmcost.outcome")).sorted().toList(), spans.toString());
    }
  }

  /**
   * The SDK never reads the body of a future cancelled early, but the exchange goes on and the
   * answer is billed; the agent reads it once unreachable, and says the call was cancelled.
   */
  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("sdksOnEveryJdk")
  void aCancelledSdkFutureEndsWithWhatTheProviderBilledBeforeTheExit(Jdk jdk, ClientLibraries libs)
      throws Exception {
    try (FakeProvider provider = FakeProvider.start(); OtlpReceiver otlp = OtlpReceiver.start()) {
      JvmResult result = libs.classpath().apply(AgentJvm.forMain(OpenAiAsyncCancelApp.class)
          .on(jdk)).withAgent("shutdown.cancel=false").exportingTo(otlp)
          .args(provider.baseUrl() + "/v1").timeout(WAIT).run().assertSuccess();
      assertTrue(result.stdout().contains("### cancelled true"), result.describe());
      assertEquals(2, provider.requests().size(), "the warm-up call and the cancelled one were sent");
      ReceivedSpan span = otlp.awaitSpans(s -> s.name().equals("chat gpt-4o-mini"), 1, WAIT).get(0);
      assertEquals("cancelled", span.stringAttribute("llmcost.outcome"), span.toString());
      Prices.GPT_4O_MINI.assertTokensAndCost(span, 2000, 100);
      assertEquals(span.attribute("llmcost.cost.usd"), span.attribute("llmcost.waste.usd"));
      assertEquals(false, span.attribute("llmcost.usage.estimated"), "read, not estimated at exit");
      assertTrue(result.stderr().lines().noneMatch(l -> l.contains("unfinished or unread at exit")),
          "settled before the exit: " + result.stderr());
    }
  }

  /** With llmcost.cancel_abandoned the agent stops the request the SDK lets run. */
  @org.junit.jupiter.api.Test
  void withCancelAbandonedACancelledSdkFuturesRequestIsStopped() throws Exception {
    try (FakeProvider provider = FakeProvider.start(); OtlpReceiver otlp = OtlpReceiver.start()) {
      JvmResult result = ClientLibraries.officialSdks().get(0).classpath()
          .apply(AgentJvm.forMain(OpenAiAsyncCancelApp.class).on(Jdks.current()))
          .withAgent("cancel_abandoned=true").exportingTo(otlp)
          .args(provider.baseUrl() + "/v1").timeout(WAIT).run().assertSuccess();
      assertTrue(result.stdout().contains("### cancelled true"), result.describe());
      ReceivedSpan span = otlp.awaitSpans(s -> s.name().equals("chat gpt-4o-mini"), 1, WAIT).get(0);
      assertEquals("cancelled", span.stringAttribute("llmcost.outcome"), span.toString());
      provider.awaitIdle(WAIT);
      assertEquals(dev.llmcost.fake.Exchange.Outcome.CLIENT_DISCONNECTED,
          provider.exchanges().get(1).outcome(), "the provider saw the request go before answering");
    }
  }

  private static void assertSevenOfEightAbandoned(Class<?> app, Jdk jdk, ClientLibraries libs,
      String basePath, Prices model) throws Exception {
    try (FakeProvider provider = FakeProvider.start(); OtlpReceiver otlp = OtlpReceiver.start()) {
      JvmResult result = libs.classpath().apply(AgentJvm.forMain(app).on(jdk)).withAgent()
          .exportingTo(otlp).args(provider.baseUrl() + basePath).timeout(WAIT).run().assertSuccess();
      assertTrue(result.stdout().contains("### valid false"), result.describe());

      List<ReceivedSpan> spans = otlp.awaitSpans(s -> s.name().equals("chat " + model.modelName()), 8, WAIT);
      assertEquals(8, spans.size(), spans.toString());
      List<ReceivedSpan> abandoned = spans.stream()
          .filter(s -> "abandoned".equals(s.stringAttribute("llmcost.outcome"))).toList();
      assertEquals(7, abandoned.size(), spans.toString());
      for (ReceivedSpan s : abandoned) {
        // what the provider billed, read from its answer: nothing estimated
        model.assertTokensAndCost(s, 2000, 100);
        assertEquals(false, s.attribute("llmcost.usage.estimated"), s.toString());
        assertEquals(model.cost(2000, 100), s.doubleAttribute("llmcost.waste.usd"), 1e-12);
        assertEquals(app.getName() + ".validateAll", s.stringAttribute("code.function.name"));
        assertEquals(app.getSimpleName() + ".java", s.stringAttribute("code.file.path"));
      }
      assertEquals(1, spans.stream()
          .filter(s -> "consumed".equals(s.stringAttribute("llmcost.outcome"))).count(), spans.toString());

      List<String> warnings = result.stderr().lines().filter(l -> l.contains("upfront firing")).toList();
      assertEquals(1, warnings.size(), "one warning, not one per call: " + result.stderr());
      assertTrue(warnings.get(0).contains("upfront firing at " + app.getName() + ".validateAll("
          + app.getSimpleName() + ".java:"), warnings.get(0));
      // The warning is logged once the site has been quiet for half a second; on a loaded machine
      // a dropped response may be collected after that, so it may count one burst call short.
      assertTrue(warnings.get(0).matches(".*[67] of the last [78] calls from here were never read.*"),
          warnings.get(0));
      otlp.awaitMetric("llmcost.waste.upfront_firing", WAIT);
    }
  }
}
