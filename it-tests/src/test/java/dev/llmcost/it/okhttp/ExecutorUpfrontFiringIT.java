package dev.llmcost.it.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.fake.FakeProvider;
import dev.llmcost.it.apps.ExecutorUpfrontFiringApp;
import dev.llmcost.it.harness.AgentJvm;
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
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Upfront firing through a thread pool ({@code submit}, {@code invokeAll},
 * {@code CompletableFuture.supplyAsync} with or without a stage that transforms the answer, a
 * virtual-thread executor, a {@code ForkJoinPool}, Guava's {@code ListeningExecutorService}): each task makes a synchronous LLM call and
 * reads its answer, so every HTTP call looks consumed; what the application drops is the futures of seven tasks. Those seven
 * calls are abandoned with their billed cost and named in one warning, whether the futures are
 * collected while the JVM runs or found unread at its exit; the tasks fired and forgotten on
 * purpose beside them (futures never read, Runnables, a null result, execute, an action attached)
 * stay consumed.
 */
class ExecutorUpfrontFiringIT {
  private static final Duration WAIT = Duration.ofSeconds(45);
  private static final Class<?> APP = ExecutorUpfrontFiringApp.class;

  static Stream<Arguments> transports() {
    Stream<Arguments> jdkOnEveryJdk =
        Jdks.available().stream().map(jdk -> Arguments.of(jdk, "jdk", "gc", "fixed"));
    // JDK 25's virtual-thread executor hands out FutureTasks too (not tested on JDK 21)
    Stream<Arguments> virtual = Jdks.available().stream().filter(jdk -> jdk.featureVersion() >= 25)
        .map(jdk -> Arguments.of(jdk, "jdk", "gc", "virtual"));
    // ForkJoinPool.submit(Callable) hands out an AdaptedCallable on JDK 17, an
    // AdaptedInterruptibleCallable from JDK 19
    Stream<Arguments> forkJoin =
        Jdks.available().stream().map(jdk -> Arguments.of(jdk, "jdk", "gc", "forkJoin"));
    return Stream.of(jdkOnEveryJdk, virtual, forkJoin, Stream.of(
        Arguments.of(Jdks.current(), "jdk", "exit", "fixed"),
        Arguments.of(Jdks.current(), "okhttp", "gc", "fixed"),
        Arguments.of(Jdks.current(), "openai", "exit", "fixed"),
        Arguments.of(Jdks.current(), "jdk", "gc", "supplyAsync"),
        Arguments.of(Jdks.current(), "okhttp", "exit", "supplyAsync"),
        Arguments.of(Jdks.current(), "jdk", "gc", "invokeAll"),
        Arguments.of(Jdks.current(), "jdk", "gc", "guava"),
        Arguments.of(Jdks.current(), "okhttp", "exit", "guava"),
        Arguments.of(Jdks.current(), "jdk", "gc", "thenApply"),
        Arguments.of(Jdks.current(), "okhttp", "exit", "thenApply"))).flatMap(s -> s);
  }

  @ParameterizedTest(name = "{1}, futures found at {2}, {3}, on {0}")
  @MethodSource("transports")
  void tasksWhoseFuturesAreNeverReadHaveTheirCallsAbandoned(Jdk jdk, String transport,
      String found, String threads) throws Exception {
    try (FakeProvider provider = FakeProvider.start(); OtlpReceiver otlp = OtlpReceiver.start()) {
      JvmResult result = ClientLibraries.officialSdks().get(0).classpath()
          .apply(AgentJvm.forMain(APP).on(jdk)).withLibraries("guava-", "failureaccess-")
          .withAgent().exportingTo(otlp)
          .args(provider.baseUrl(), transport, found, threads).timeout(WAIT).run().assertSuccess();
      assertTrue(result.stdout().contains("### valid false"), result.describe());
      assertTrue(result.stdout().contains("### pool done true"), result.describe());
      // thenApply: a first request with one document, read, comes before
      long calls = threads.equals("thenApply") ? 15 : 14;
      if (found.equals("gc")) {
        assertTrue(result.stdout().contains("### settled before exit " + calls),
            "the dropped futures were judged when collected, not at exit: " + result.describe());
      }

      List<ReceivedSpan> spans = otlp.awaitSpans(s -> s.name().equals("chat gpt-4o-mini"), (int) calls, WAIT);
      Map<String, Long> outcomes = spans.stream().collect(
          Collectors.groupingBy(s -> s.stringAttribute("llmcost.outcome"), Collectors.counting()));
      // validateAll: one read, seven dropped; fireAndForget: six calls its tasks used themselves
      assertEquals(Map.of("abandoned", 7L, "consumed", calls - 7), outcomes, spans.toString());
      for (ReceivedSpan s : spans) {
        if ("abandoned".equals(s.stringAttribute("llmcost.outcome"))) {
          Prices.GPT_4O_MINI.assertTokensAndCost(s, 2000, 100);
          assertEquals(false, s.attribute("llmcost.usage.estimated"), s.toString());
          assertEquals(Prices.GPT_4O_MINI.cost(2000, 100), s.doubleAttribute("llmcost.waste.usd"), 1e-12);
          assertEquals(APP.getName() + ".ask", s.stringAttribute("code.function.name"), s.toString());
        } else {
          assertEquals(null, s.attribute("llmcost.waste.usd"), s.toString());
        }
      }
      List<String> warnings = result.stderr().lines().filter(l -> l.contains("upfront firing")).toList();
      assertEquals(1, warnings.size(), "one warning: " + result.stderr());
      assertTrue(warnings.get(0).contains("upfront firing at " + APP.getName() + ".ask("), warnings.get(0));
      assertTrue(warnings.get(0).contains("called from " + APP.getName() + ".lambda$validateAll$"),
          "names the caller that dropped the results: " + warnings.get(0));
      assertTrue(warnings.get(0).contains("7 of the last"), warnings.get(0));
    }
  }
}
