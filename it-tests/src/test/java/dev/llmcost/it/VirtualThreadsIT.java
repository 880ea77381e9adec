package dev.llmcost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.llmcost.fake.FakeProvider;
import dev.llmcost.it.apps.VirtualThreadsApp;
import dev.llmcost.it.harness.AgentJvm;
import dev.llmcost.it.harness.Jdk;
import dev.llmcost.it.harness.JvmResult;
import dev.llmcost.it.harness.OtlpReceiver;
import dev.llmcost.it.harness.ReceivedSpan;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Calls made on virtual threads (JDK 21+) are tracked, priced and attributed like any other:
 * through the JDK HttpClient, HttpURLConnection and OkHttp, and the upfront-firing pattern too.
 */
class VirtualThreadsIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  // gpt-4o-mini: $0.15 per million input tokens, $0.60 per million output tokens.
  private static final double CALL_USD = 2000 * 0.15 / 1e6 + 100 * 0.60 / 1e6;
  private static final String APP = "dev.llmcost.it.apps.VirtualThreadsApp.";

  @ParameterizedTest
  @MethodSource("dev.llmcost.it.harness.Jdks#available")
  void callsOnVirtualThreadsAreTrackedPricedAndAttributed(Jdk jdk) throws Exception {
    try (FakeProvider provider = FakeProvider.start(); OtlpReceiver otlp = OtlpReceiver.start()) {
      JvmResult result = app(jdk).withAgent().exportingTo(otlp).args(provider.baseUrl(), "9")
          .timeout(WAIT).run().assertSuccess();
      assertTrue(result.stdout().contains("### ok=9 virtual=true"), result.stdout());
      assertTrue(result.stdout().contains("### valid false"), result.stdout());

      List<ReceivedSpan> spans = otlp.awaitSpans(s -> s.name().equals("chat gpt-4o-mini"), 17, WAIT);
      Map<String, Long> bySite = spans.stream().collect(Collectors.groupingBy(
          s -> s.stringAttribute("code.function.name").replace(APP, ""), Collectors.counting()));
      assertEquals(Map.of("viaJdkHttpClient", 3L, "viaUrlConnection", 3L, "viaOkHttp", 3L,
          "validateAllUpFront", 8L), bySite, spans.toString());
      for (ReceivedSpan s : spans) {
        assertEquals(2000, s.longAttribute("gen_ai.usage.input_tokens"), s.toString());
        assertEquals(CALL_USD, s.doubleAttribute("llmcost.cost.usd"), 1e-12, s.toString());
        // A virtual thread has no name unless the application gives it one: no empty attribute.
        assertNull(s.stringAttribute("thread.name"), s.toString());
      }
      List<ReceivedSpan> upfront = spans.stream()
          .filter(s -> s.stringAttribute("code.function.name").endsWith(".validateAllUpFront")).toList();
      assertEquals(7, upfront.stream()
          .filter(s -> "abandoned".equals(s.stringAttribute("llmcost.outcome"))).count(), upfront.toString());
      assertEquals(9, spans.stream().filter(s -> s.stringAttribute("code.function.name").contains(".via"))
          .filter(s -> "consumed".equals(s.stringAttribute("llmcost.outcome"))).count());
      assertTrue(result.stderr().contains("upfront firing at " + APP + "validateAllUpFront("),
          result.stderr());
    }
  }

  /** A concurrency limit makes virtual threads wait for a slot (a semaphore: no carrier pinned). */
  @ParameterizedTest
  @MethodSource("dev.llmcost.it.harness.Jdks#available")
  void aConcurrencyLimitHoldsForVirtualThreads(Jdk jdk) throws Exception {
    try (FakeProvider provider = FakeProvider.start(); OtlpReceiver otlp = OtlpReceiver.start()) {
      JvmResult result = app(jdk).withAgent("guard.max_concurrent=openai=2").exportingTo(otlp)
          .args(provider.baseUrl(), "30").timeout(WAIT).run().assertSuccess();
      assertTrue(result.stdout().contains("### ok=30 virtual=true"), result.stdout());
      int peak = provider.maxConcurrentRequests();
      assertTrue(peak == 2, "2 at once at the provider, was " + peak);
      List<ReceivedSpan> spans = otlp.awaitSpans(s -> s.name().equals("chat gpt-4o-mini"), 38, WAIT);
      assertTrue(spans.stream().anyMatch(s -> s.longAttribute("llmcost.guard.wait_ms") > 0),
          "some calls waited for a slot");
    }
  }

  /** The app on {@code jdk}, with the OkHttp it uses; skipped where there are no virtual threads. */
  private static AgentJvm app(Jdk jdk) {
    assumeTrue(jdk.featureVersion() >= 21, "virtual threads exist from JDK 21");
    return AgentJvm.forMain(VirtualThreadsApp.class).on(jdk)
        .withLibraries("okhttp-jvm-", "okio-jvm-", "kotlin-stdlib-");
  }
}
