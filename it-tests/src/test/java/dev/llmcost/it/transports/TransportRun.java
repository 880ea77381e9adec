package dev.llmcost.it.transports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.fake.Behaviour;
import dev.llmcost.fake.FakeProvider;
import dev.llmcost.fake.FakeUsage;
import dev.llmcost.it.harness.AgentJvm;
import dev.llmcost.it.harness.Jdk;
import dev.llmcost.it.harness.JvmResult;
import dev.llmcost.it.harness.OtlpReceiver;
import dev.llmcost.it.harness.ReceivedSpan;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Runs one scenario app twice on a JDK, without and then with the agent, each time against a fresh
 * fake provider (so answer ids match), and hands back the spans of the second run after checking
 * that the application printed exactly the same thing.
 */
final class TransportRun {
  /** What the fake reports for every answer. */
  static final FakeUsage USAGE = FakeUsage.of(1000, 200);
  private static final Duration WAIT = Duration.ofSeconds(30);

  private TransportRun() {}

  /**
   * @param libraries adds what the app needs to the child JVM: libraries, and arguments after the
   *     provider's base URL
   */
  static List<ReceivedSpan> spansOf(Class<?> app, Jdk jdk, UnaryOperator<AgentJvm> libraries, int llmCalls) {
    String without = run(app, jdk, libraries, null).stdout();
    try (OtlpReceiver otlp = OtlpReceiver.start()) {
      JvmResult with = run(app, jdk, libraries, otlp);
      assertTrue(with.stdout().endsWith("### done\n"), with.describe());
      assertEquals(without, with.stdout(), "the application prints the same with the agent");
      otlp.awaitSpans(llmCalls, WAIT);
      List<ReceivedSpan> spans = otlp.spans();
      assertEquals(llmCalls, spans.size(), "one span per LLM call, none for the rest: " + spans);
      assertTrue(otlp.failures().isEmpty(), otlp.failures().toString());
      return spans;
    }
  }

  private static JvmResult run(Class<?> app, Jdk jdk, UnaryOperator<AgentJvm> libraries, OtlpReceiver otlp) {
    try (FakeProvider provider = FakeProvider.start(Behaviour.normal().withUsage(USAGE))) {
      AgentJvm jvm = libraries.apply(AgentJvm.forMain(app).on(jdk).args(provider.baseUrl()))
          .timeout(WAIT);
      if (otlp != null) {
        jvm.withAgent().exportingTo(otlp);
      }
      JvmResult result = jvm.run().assertSuccess();
      assertTrue(provider.failures().isEmpty(), provider.failures().toString());
      return result;
    }
  }
}
