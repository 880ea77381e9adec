package dev.llmcost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.fake.FakeProvider;
import dev.llmcost.it.apps.CancelledCallApp;
import dev.llmcost.it.harness.AgentJvm;
import dev.llmcost.it.harness.Jdk;
import dev.llmcost.it.harness.JvmResult;
import dev.llmcost.it.harness.OtlpReceiver;
import dev.llmcost.it.harness.ReceivedSpan;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A call the application cancels is reported as cancelled, and the provider is told at once. */
class CancelledCallIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @ParameterizedTest
  @MethodSource("dev.llmcost.it.harness.Jdks#available")
  void aFutureCancelledByTheApplicationIsACancelledCall(Jdk jdk) throws Exception {
    try (FakeProvider provider = FakeProvider.start(); OtlpReceiver otlp = OtlpReceiver.start()) {
      JvmResult result = AgentJvm.forMain(CancelledCallApp.class).on(jdk).withAgent()
          .exportingTo(otlp).args(provider.baseUrl()).timeout(WAIT).run().assertSuccess();
      assertTrue(result.stdout().contains("### cancelled true true"), result.describe());
      ReceivedSpan span;
      try {
        span = otlp.awaitSpan(s -> s.name().equals("chat gpt-4o-mini"), WAIT);
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + "\n" + result.describe(), e);
      }
      assertEquals("cancelled", span.stringAttribute("llmcost.outcome"));
      assertFalse(span.hasAttribute("error.type"), "the application's choice, not an error");
      assertTrue(provider.connections().stream().noneMatch(c -> c.isOpen()),
          "cancelling the future closed the connection: " + provider.connections());
    }
  }
}
