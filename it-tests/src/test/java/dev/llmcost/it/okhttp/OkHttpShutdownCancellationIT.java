package dev.llmcost.it.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.fake.ConnectionRecord;
import dev.llmcost.fake.FakeProvider;
import dev.llmcost.it.apps.OkHttpGracefulShutdownApp;
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
 * At JVM exit (System.exit and SIGTERM) the agent cancels the OkHttp and OpenAI SDK calls still in
 * flight before the application's shutdown hook can wait on them: the provider sees every
 * connection closed, the spans say {@code cancelled_at_shutdown}, and the service whose hook waits
 * for its streaming workers exits at once. Without the agent the same service keeps streaming.
 */
class OkHttpShutdownCancellationIT {
  private static final Duration WAIT = Duration.ofSeconds(45);
  private static final long SECOND = 1_000_000_000L;
  private static final ClientLibraries NEWEST_SDKS = ClientLibraries.officialSdks().get(0);

  static Stream<Arguments> jdksAndExits() {
    return Jdks.available().stream().flatMap(jdk -> Stream.of(Arguments.of(jdk, "exit"),
        Arguments.of(jdk, "sigterm")));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("jdksAndExits")
  void okHttpAndSdkCallsInFlightAtExitAreCancelledAndReported(Jdk jdk, String exit) throws Exception {
    try (FakeProvider provider = FakeProvider.start(); OtlpReceiver otlp = OtlpReceiver.start();
        RunningJvm jvm = NEWEST_SDKS.classpath().apply(AgentJvm.forMain(OkHttpGracefulShutdownApp.class))
            .on(jdk).withAgent().exportingTo(otlp).args(provider.baseUrl(), exit)
            .timeout(Duration.ofSeconds(60)).start()) {
      jvm.awaitStdout("### streaming true", WAIT);
      provider.awaitRequests(5, WAIT);
      long exitRequested = System.nanoTime();
      if (exit.equals("sigterm")) {
        jvm.terminate();
      }
      JvmResult result = jvm.awaitExit(WAIT);
      long exitTook = System.nanoTime() - exitRequested;
      assertFalse(result.timedOut(), "the JVM must not hang on its streaming workers");
      assertTrue(exitTook < 10 * SECOND, "exited " + exitTook / 1_000_000 + " ms after exit was requested");
      System.out.println(jdk + " " + exit + ": exited " + exitTook / 1_000_000
          + " ms after exit was requested");
      assertTrue(result.stdout().contains("### hook: workers finished true"), result.describe());
      assertEquals(4, result.stdout().lines().filter(l -> l.endsWith("stream failed")).count(),
          "each worker sees its stream fail, as on a dropped connection: " + result.describe());

      List<ConnectionRecord> closed = provider.awaitAllConnectionsClosed(Duration.ofSeconds(5));
      assertEquals(5, closed.size(), closed.toString());
      for (ConnectionRecord c : closed) {
        assertTrue(c.closedNanos() - exitRequested < 5 * SECOND,
            "the provider saw the connection close right after exit: " + c);
      }
      List<ReceivedSpan> spans = otlp.awaitSpans(
          s -> "cancelled_at_shutdown".equals(s.stringAttribute("llmcost.outcome")), 5, WAIT);
      assertEquals(5, spans.size(), otlp.spans().toString());
      long streams = spans.stream().filter(s -> s.longAttribute("gen_ai.usage.output_tokens") > 0)
          .peek(s -> assertEquals(Boolean.TRUE, s.attribute("llmcost.usage.estimated")))
          .peek(s -> assertTrue(s.doubleAttribute("llmcost.waste.usd") > 0))
          .peek(Prices.GPT_4O_MINI::assertCost)
          .count();
      assertEquals(4, streams, "the four streams had generated output before the cancel");
      assertEquals(2, spans.stream().filter(s -> OkHttpGracefulShutdownApp.class.getName()
          .concat(".sdkStream").equals(s.stringAttribute("code.function.name"))).count(),
          "the SDK streams are named by the application line that opened them");
    }
  }

  @Test
  void withoutTheAgentTheSameServiceKeepsStreamingAfterExitWasRequested() throws Exception {
    try (FakeProvider provider = FakeProvider.start();
        RunningJvm jvm = NEWEST_SDKS.classpath().apply(AgentJvm.forMain(OkHttpGracefulShutdownApp.class))
            .on(Jdks.current()).args(provider.baseUrl(), "exit").timeout(Duration.ofSeconds(60))
            .start()) {
      jvm.awaitStdout("### streaming true", WAIT);
      Thread.sleep(3000);
      assertTrue(jvm.isAlive(), "the shutdown hook waits for streams that never end");
      assertEquals(5, provider.openConnections(), "and the provider keeps generating");
      jvm.kill();
    }
  }
}
