package dev.llmcost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.fake.ConnectionRecord;
import dev.llmcost.fake.FakeProvider;
import dev.llmcost.it.apps.GracefulShutdownApp;
import dev.llmcost.it.harness.AgentJvm;
import dev.llmcost.it.harness.Jdk;
import dev.llmcost.it.harness.Jdks;
import dev.llmcost.it.harness.JvmResult;
import dev.llmcost.it.harness.OtlpReceiver;
import dev.llmcost.it.harness.ReceivedSpan;
import dev.llmcost.it.harness.RunningJvm;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * At JVM exit the agent cancels LLM calls still in flight before the application's own shutdown
 * work can wait on them: the provider sees every connection closed, the spans say so, and a
 * service whose shutdown hook waits for its streaming workers exits at once instead of hanging.
 */
class ShutdownCancellationIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final long SECOND = 1_000_000_000L;

  static Stream<Arguments> jdksAndExits() {
    return Jdks.available().stream().flatMap(jdk -> Stream.of(Arguments.of(jdk, "exit"),
        Arguments.of(jdk, "sigterm")));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("jdksAndExits")
  void callsInFlightAtExitAreCancelledAndReported(Jdk jdk, String exit) throws Exception {
    try (FakeProvider provider = FakeProvider.start(); OtlpReceiver otlp = OtlpReceiver.start();
        RunningJvm jvm = AgentJvm.forMain(GracefulShutdownApp.class).on(jdk).withAgent()
            .exportingTo(otlp).args(provider.baseUrl(), exit).timeout(Duration.ofSeconds(60))
            .start()) {
      jvm.awaitStdout("### streaming", WAIT);
      provider.awaitRequests(5, WAIT);
      long exitRequested = System.nanoTime();
      if (exit.equals("sigterm")) {
        jvm.terminate();
      }
      JvmResult result = jvm.awaitExit(WAIT);
      assertFalse(result.timedOut(), "the JVM must not hang on its streaming workers");
      assertTrue(result.stdout().contains("### hook: workers finished true"), result.describe());
      assertEquals(3, result.stdout().lines().filter(l -> l.contains("stream failed: java.io.UncheckedIOException")).count(),
          "workers see what a dropped connection gives an ofLines stream: " + result.describe());

      List<ConnectionRecord> closed = provider.awaitAllConnectionsClosed(Duration.ofSeconds(5));
      // The streams are endless and the workers above were released by the cancel, so this bound
      // only has to tell "closed as the exit began" from "held open"; it is loose for loaded CI.
      for (ConnectionRecord c : closed) {
        assertTrue(c.closedNanos() - exitRequested < 15 * SECOND,
            "the provider saw the connection close right after exit: " + c);
      }
      List<ReceivedSpan> spans = otlp.awaitSpans(
          s -> "cancelled_at_shutdown".equals(s.stringAttribute("llmcost.outcome")), 5, WAIT);
      assertEquals(5, spans.size());
      long streams = spans.stream().filter(s -> s.longAttribute("gen_ai.usage.output_tokens") > 0)
          .peek(s -> assertEquals(Boolean.TRUE, s.attribute("llmcost.usage.estimated")))
          .peek(s -> assertTrue(s.doubleAttribute("llmcost.waste.usd") > 0))
          .count();
      assertEquals(3, streams, "the three streams had generated output before the cancel");
    }
  }

  @Test
  void withoutTheAgentTheSameServiceKeepsStreamingAfterExitWasRequested() throws Exception {
    try (FakeProvider provider = FakeProvider.start();
        RunningJvm jvm = AgentJvm.forMain(GracefulShutdownApp.class).on(Jdks.current())
            .args(provider.baseUrl(), "exit").timeout(Duration.ofSeconds(60)).start()) {
      jvm.awaitStdout("### streaming", WAIT);
      Thread.sleep(3000);
      assertTrue(jvm.isAlive(), "the shutdown hook waits for streams that never end");
      assertEquals(5, provider.openConnections(), "and the provider keeps generating");
      jvm.kill();
    }
  }
}
