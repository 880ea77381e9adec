package dev.llmcost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.api.LlmCost;
import dev.llmcost.fake.FakeProvider;
import dev.llmcost.it.apps.ApacheAsyncSpendApp;
import dev.llmcost.it.apps.ApacheSpendApp;
import dev.llmcost.it.apps.InterruptedWaitApp;
import dev.llmcost.it.apps.LlmBurstApp;
import dev.llmcost.it.apps.OkHttpSpendApp;
import dev.llmcost.it.apps.ScopedBudgetApp;
import dev.llmcost.it.apps.UrlConnectionSpendApp;
import dev.llmcost.it.harness.AgentJvm;
import dev.llmcost.it.harness.Jdk;
import dev.llmcost.it.harness.JvmResult;
import dev.llmcost.it.harness.OtlpReceiver;
import dev.llmcost.it.harness.ReceivedMetric;
import dev.llmcost.it.harness.ReceivedSpan;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Guard rails against a real burst and a real spend, measured at the fake provider. */
class GuardRailsIT {
  private static final Duration WAIT = Duration.ofSeconds(25);
  private static final int LIMIT = 4;

  @ParameterizedTest
  @MethodSource("dev.llmcost.it.harness.Jdks#available")
  void aBurstOf100AsyncCallsNeverHasMoreThanTheLimitAtTheProvider(Jdk jdk) throws Exception {
    try (FakeProvider provider = FakeProvider.start(); OtlpReceiver otlp = OtlpReceiver.start()) {
      JvmResult limited = AgentJvm.forMain(LlmBurstApp.class).on(jdk)
          .withAgent("guard.max_concurrent=openai=" + LIMIT).exportingTo(otlp)
          .args(provider.baseUrl(), "burst").timeout(WAIT).run().assertSuccess();
      assertTrue(limited.stdout().contains("### burst 100 of 100 answered"), limited.stdout());
      assertEquals(100, provider.requests().size());
      int peak = provider.maxConcurrentRequests();
      assertTrue(peak <= LIMIT && peak >= 2, "at most " + LIMIT + " at once at the provider, was " + peak);
      List<ReceivedSpan> spans = otlp.awaitSpans(s -> s.name().equals("chat gpt-4o"), 100, WAIT);
      assertTrue(spans.stream().allMatch(s -> s.hasAttribute("llmcost.guard.wait_ms")), "wait on every span");
      assertTrue(spans.stream().anyMatch(s -> s.longAttribute("llmcost.guard.wait_ms") > 0), "most calls waited");

      provider.clear();
      JvmResult unlimited = AgentJvm.forMain(LlmBurstApp.class).on(jdk).withAgent()
          .args(provider.baseUrl(), "burst").timeout(WAIT).run().assertSuccess();
      assertEquals(limited.stdout(), unlimited.stdout(), "the application sees the same");
      assertTrue(provider.maxConcurrentRequests() > LIMIT,
          "without the setting nothing holds calls back: " + provider.maxConcurrentRequests());
    }
  }

  /** Interrupted while it waits for a slot, send() throws what it throws when interrupted. */
  @Test
  void aSendInterruptedWhileItWaitsForASlotThrowsInterruptedException() throws Exception {
    try (FakeProvider provider = FakeProvider.start()) {
      JvmResult result = AgentJvm.forMain(InterruptedWaitApp.class)
          .withAgent("guard.max_concurrent=openai=1")
          .args(provider.baseUrl()).timeout(WAIT).run().assertSuccess();
      assertTrue(result.stdout().contains("interrupted send: java.lang.InterruptedException"),
          result.describe());
      assertEquals(1, provider.requests().size(), "the interrupted call was not sent");
      assertFalse(result.stderr().contains("interrupted while waiting"), "not logged as a refusal");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.llmcost.it.harness.Jdks#available")
  void theHardBudgetStopsCallsAtTheLimitTheSoftBudgetWarnsAndTheSpendRateAlerts(Jdk jdk) throws Exception {
    try (FakeProvider provider = FakeProvider.start(); OtlpReceiver otlp = OtlpReceiver.start()) {
      // $0.0045 a call: the soft limit is passed by the 2nd, the hard one reached by the 3rd.
      JvmResult result = AgentJvm.forMain(LlmBurstApp.class).on(jdk)
          .withAgent("budget.soft_usd=0.005,budget.hard_usd=0.013,alert.usd_per_minute=0.008")
          .exportingTo(otlp)
          .args(provider.baseUrl(), "sequential").timeout(WAIT).run().assertSuccess();
      List<String> lines = result.stdout().lines().filter(l -> l.startsWith("### ")).toList();
      assertEquals("### call 1 200", lines.get(0));
      assertEquals("### call 3 200", lines.get(2));
      for (int i = 3; i < 5; i++) {
        assertTrue(lines.get(i).startsWith("### call " + (i + 1) + " failed IOException caused by "
            + "dev.llmcost.bootstrap.LlmBudgetExceededException: LLM budget exceeded"), lines.get(i));
        assertTrue(lines.get(i).contains("llmcost.budget.hard_usd=$0.013000; no request sent"), lines.get(i));
      }
      assertEquals("### async failed dev.llmcost.bootstrap.LlmBudgetExceededException", lines.get(5));
      assertEquals(3, provider.requests().size(), "no request after the limit");
      assertTrue(result.stderr().contains("reached the soft budget llmcost.budget.soft_usd=$0.005000"),
          result.stderr());
      assertEquals(1, result.stderr().lines().filter(l -> l.contains("soft budget")).count(), "warned once");

      assertEquals(1, result.stderr().lines().filter(l -> l.contains("LLM spend rate alert: $0.009000 in the last minute, above llmcost.alert.usd_per_minute=$0.008000")).count(),
          result.stderr());

      ReceivedMetric rejected = otlp.awaitMetric("llmcost.guard.rejected", WAIT);
      assertEquals(3L, rejected.point(Map.of("llmcost.limit", "llmcost.budget.hard_usd")).orElseThrow().value());
      ReceivedMetric reached = otlp.awaitMetric("llmcost.limit.reached", WAIT);
      assertEquals(1L, reached.point(Map.of("llmcost.limit", "llmcost.budget.soft_usd")).orElseThrow().value());
      assertEquals(1L, reached.point(Map.of("llmcost.limit", "llmcost.alert.usd_per_minute")).orElseThrow().value());
    }
  }

  @ParameterizedTest
  @MethodSource("dev.llmcost.it.harness.Jdks#available")
  void theHardBudgetStopsOkHttpCallsToo(Jdk jdk) throws Exception {
    try (FakeProvider provider = FakeProvider.start()) {
      JvmResult result = AgentJvm.forMain(OkHttpSpendApp.class).on(jdk)
          .withAgent("budget.hard_usd=0.013").withLibraries("okhttp-", "okio-", "kotlin-stdlib")
          .args(provider.baseUrl()).timeout(WAIT).run().assertSuccess();
      List<String> lines = result.stdout().lines().filter(l -> l.startsWith("### ")).toList();
      assertEquals("### call 3 200", lines.get(2), result.stdout());
      for (int i = 3; i < 5; i++) {
        assertTrue(lines.get(i).startsWith("### call " + (i + 1)
            + " failed dev.llmcost.bootstrap.LlmBudgetExceededException: LLM budget exceeded"), lines.get(i));
      }
      assertEquals("### enqueued failed dev.llmcost.bootstrap.LlmBudgetExceededException"
          + " on the caller's thread: false", lines.get(5));
      assertEquals(3, provider.requests().size(), "no request after the limit");
    }
  }

  @Test
  void theHardBudgetStopsClassicApacheHttpClientCallsToo() throws Exception {
    try (FakeProvider provider = FakeProvider.start()) {
      JvmResult result = AgentJvm.forMain(ApacheSpendApp.class).withAgent("budget.hard_usd=0.013")
          .withLibraries("httpclient5-", "httpcore5-", "slf4j-api")
          .args(provider.baseUrl()).timeout(WAIT).run().assertSuccess();
      List<String> lines = result.stdout().lines().filter(l -> l.startsWith("### ")).toList();
      assertEquals("### call 3 200", lines.get(2), result.stdout());
      for (int i = 3; i < 5; i++) {
        assertTrue(lines.get(i).startsWith("### call " + (i + 1)
            + " failed dev.llmcost.bootstrap.LlmBudgetExceededException: LLM budget exceeded"),
            lines.get(i) + "\n" + result.stderr());
      }
      assertEquals(3, provider.requests().size(), "no request after the limit");
    }
  }

  @Test
  void theHardBudgetStopsAsyncApacheHttpClientCallsToo() throws Exception {
    try (FakeProvider provider = FakeProvider.start()) {
      JvmResult result = AgentJvm.forMain(ApacheAsyncSpendApp.class).withAgent("budget.hard_usd=0.013")
          .withLibraries("httpclient5-", "httpcore5-", "slf4j-api")
          .args(provider.baseUrl()).timeout(WAIT).run().assertSuccess();
      List<String> lines = result.stdout().lines().filter(l -> l.startsWith("### ")).toList();
      for (int i = 0; i < 3; i++) {
        assertEquals("### call " + (i + 1) + " 200 | callback completed", lines.get(i),
            result.stdout() + result.stderr());
      }
      for (int i = 3; i < 5; i++) {
        // the future fails with the exception as its cause; the callback fails, off the caller's thread
        assertTrue(lines.get(i).startsWith("### call " + (i + 1)
            + " failed dev.llmcost.bootstrap.LlmBudgetExceededException: LLM budget exceeded"),
            lines.get(i) + "\n" + result.stderr());
        assertTrue(lines.get(i).endsWith(
            " | callback failed dev.llmcost.bootstrap.LlmBudgetExceededException"), lines.get(i));
      }
      assertEquals(3, provider.requests().size(), "no request after the limit");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.llmcost.it.harness.Jdks#available")
  void theHardBudgetStopsHttpUrlConnectionCallsToo(Jdk jdk) throws Exception {
    try (FakeProvider provider = FakeProvider.start()) {
      JvmResult result = AgentJvm.forMain(UrlConnectionSpendApp.class).on(jdk)
          .withAgent("budget.hard_usd=0.013")
          .args(provider.baseUrl()).timeout(WAIT).run().assertSuccess();
      List<String> lines = result.stdout().lines().filter(l -> l.startsWith("### ")).toList();
      assertEquals(List.of("### call 1 200", "### call 2 200", "### call 3 200"), lines.subList(0, 3),
          result.stdout() + result.stderr());
      for (int i = 3; i < 5; i++) {
        // call 4 is refused at getOutputStream(), call 5 (streaming) too: before anything is sent;
        // asked for the response afterwards, the connection gives the same refusal
        assertTrue(lines.get(i).startsWith("### call " + (i + 1)
            + " failed dev.llmcost.bootstrap.LlmBudgetExceededException: LLM budget exceeded"),
            lines.get(i) + "\n" + result.stderr());
        assertTrue(lines.get(i).endsWith(" | then dev.llmcost.bootstrap.LlmBudgetExceededException"),
            lines.get(i));
      }
      assertEquals(3, provider.requests().size(), "no request after the limit");
      assertFalse(result.stderr().contains("NullPointerException"), result.stderr());
    }
  }

  @Test
  void aProviderBudgetStopsOnlyThatProviderAndATagBudgetOnlyTaggedCalls() throws Exception {
    try (FakeProvider provider = FakeProvider.start()) {
      // gpt-4o $0.0045 a call: openai is refused from its 3rd; claude $0.006: search from its 2nd.
      JvmResult result = AgentJvm.forMain(ScopedBudgetApp.class).withLibraryOf(LlmCost.class)
          .withAgent("budget.hard_usd=openai=0.009;tag.feature=search=0.005,"
              + "budget.soft_usd=anthropic=0.01")
          .args(provider.baseUrl()).timeout(WAIT).run().assertSuccess();
      List<String> lines = result.stdout().lines().filter(l -> l.startsWith("### ")).toList();
      assertEquals(List.of("### openai 1 200", "### anthropic 1 200", "### openai 2 200",
          "### anthropic 2 200"), lines.subList(0, 4), result.stdout() + result.stderr());
      assertTrue(lines.get(4).startsWith("### openai 3 failed LLM budget exceeded: $0.009000 spent on"
          + " openai calls in this run, hard limit llmcost.budget.hard_usd[openai]=$0.009000;"
          + " no request sent"), lines.get(4));
      assertEquals("### anthropic 3 200", lines.get(5), "another provider's calls still pass");
      assertEquals("### search 1 200", lines.get(6));
      assertTrue(lines.get(7).startsWith("### search 2 failed LLM budget exceeded: $0.006000 spent on"
          + " calls tagged feature=search in this run, hard limit"
          + " llmcost.budget.hard_usd[tag.feature=search]=$0.005000"), lines.get(7));
      assertEquals("### untagged 200", lines.get(8), "untagged calls still pass");
      assertEquals(7, provider.requests().size(), "no request past a limit that covers it");
      assertEquals(1, result.stderr().lines().filter(l -> l.contains(
          "on anthropic calls reached the soft budget llmcost.budget.soft_usd[anthropic]=$0.010000")).count(),
          result.stderr());
      assertFalse(result.stderr().contains("not a budget"), result.stderr());
      assertFalse(result.stderr().contains("unknown setting"), result.stderr());
    }
  }

  @ParameterizedTest
  @MethodSource("dev.llmcost.it.harness.Jdks#available")
  void withTheGuardsOffTheSameSpendGoesThroughUnchanged(Jdk jdk) throws Exception {
    try (FakeProvider provider = FakeProvider.start()) {
      JvmResult result = AgentJvm.forMain(LlmBurstApp.class).on(jdk).withAgent()
          .args(provider.baseUrl(), "sequential").timeout(WAIT).run().assertSuccess();
      assertFalse(result.stdout().contains("failed"), result.stdout());
      assertEquals(6, provider.requests().size());
      assertFalse(result.stderr().contains("budget"), result.stderr());
    }
  }
}
