package dev.llmcost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.fake.FakeProvider;
import dev.llmcost.it.apps.FireAndForgetTasksApp;
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
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pool tasks whose futures the application never reads are fired and forgotten: their calls are
 * consumed a moment after the tasks end ({@code llmcost.tasks.fire_and_forget_s}), while the
 * futures are still held, not at a collection that a quiet service may not have for minutes.
 * A future of a kind the application does read, held unread, still waits for its fate (here the
 * exit: abandoned).
 */
class FireAndForgetTasksIT {
  static Stream<Jdk> jdks() {
    return Jdks.available().stream();
  }

  @ParameterizedTest(name = "on {0}")
  @MethodSource("jdks")
  void tasksOfAKindNeverReadAreConsumedWithoutWaitingForTheCollector(Jdk jdk) throws Exception {
    try (FakeProvider provider = FakeProvider.start(); OtlpReceiver otlp = OtlpReceiver.start()) {
      JvmResult result = AgentJvm.forMain(FireAndForgetTasksApp.class).on(jdk)
          .withAgent("llmcost.tasks.fire_and_forget_s=1").exportingTo(otlp)
          .args(provider.baseUrl()).timeout(Duration.ofSeconds(45)).run().assertSuccess();
      // the read one, and the three notes within a few seconds of their tasks' end
      assertTrue(result.stdout().contains("### settled while held 4"), result.describe());
      assertTrue(result.stdout().contains("### settled later 4 held 4"), result.describe());

      List<ReceivedSpan> spans = otlp.awaitSpans(s -> s.name().equals("chat gpt-4o-mini"), 5,
          Duration.ofSeconds(20));
      Map<String, Long> outcomes = spans.stream().collect(
          Collectors.groupingBy(s -> s.stringAttribute("llmcost.outcome"), Collectors.counting()));
      assertEquals(Map.of("consumed", 4L, "abandoned", 1L), outcomes, spans.toString());
    }
  }
}
