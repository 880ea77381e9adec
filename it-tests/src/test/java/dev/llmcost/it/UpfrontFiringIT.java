package dev.llmcost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.fake.FakeProvider;
import dev.llmcost.it.apps.UpfrontFiringApp;
import dev.llmcost.it.harness.AgentJvm;
import dev.llmcost.it.harness.Jdk;
import dev.llmcost.it.harness.Jdks;
import dev.llmcost.it.harness.JvmResult;
import dev.llmcost.it.harness.OtlpReceiver;
import dev.llmcost.it.harness.ReceivedSpan;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Requests fired up front and dropped on an early return are seen, priced and named. */
class UpfrontFiringIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  // gpt-4o-mini: $0.15 per million input tokens, $0.60 per million output tokens.
  private static final double CALL_USD = 2000 * 0.15 / 1e6 + 100 * 0.60 / 1e6;

  @ParameterizedTest
  @MethodSource("dev.llmcost.it.harness.Jdks#available")
  void callsFiredUpFrontAndNeverReadAreAbandonedWithTheirCostAndTheCallSiteIsNamed(Jdk jdk)
      throws Exception {
    try (FakeProvider provider = FakeProvider.start(); OtlpReceiver otlp = OtlpReceiver.start()) {
      JvmResult result = AgentJvm.forMain(UpfrontFiringApp.class).on(jdk).withAgent()
          .exportingTo(otlp).args(provider.baseUrl(), "upfront").timeout(WAIT).run().assertSuccess();

      List<ReceivedSpan> spans = otlp.awaitSpans(s -> s.name().equals("chat gpt-4o-mini"), 8, WAIT);
      List<ReceivedSpan> abandoned = spans.stream()
          .filter(s -> "abandoned".equals(s.stringAttribute("llmcost.outcome"))).toList();
      assertEquals(7, abandoned.size(), spans.toString());
      for (ReceivedSpan s : abandoned) {
        assertEquals(CALL_USD, s.doubleAttribute("llmcost.waste.usd"), 1e-12);
        assertEquals("dev.llmcost.it.apps.UpfrontFiringApp.validateAll",
            s.stringAttribute("code.function.name"));
        assertEquals("UpfrontFiringApp.java", s.stringAttribute("code.file.path"));
        assertTrue(s.longAttribute("code.line.number") > 0);
      }
      assertEquals(1, spans.stream()
          .filter(s -> "consumed".equals(s.stringAttribute("llmcost.outcome"))).count());
      assertTrue(result.stderr().contains("upfront firing at dev.llmcost.it.apps.UpfrontFiringApp"
          + ".validateAll(UpfrontFiringApp.java:"), result.stderr());
      assertTrue(result.stderr().contains("7 of the last 8 calls from here were never read"),
          result.stderr());
      assertEquals(1, result.stderr().lines().filter(l -> l.contains("upfront firing")).count(),
          "one warning, not one per call");
      otlp.awaitMetric("llmcost.waste.upfront_firing", WAIT);
    }
  }

  @Test
  void theLazyFixMakesOneCallAndWastesNothing() throws Exception {
    try (FakeProvider provider = FakeProvider.start(); OtlpReceiver otlp = OtlpReceiver.start()) {
      JvmResult result = AgentJvm.forMain(UpfrontFiringApp.class).on(Jdks.current()).withAgent()
          .exportingTo(otlp).args(provider.baseUrl(), "lazy").timeout(WAIT).run().assertSuccess();
      ReceivedSpan span = otlp.awaitSpan(s -> s.name().equals("chat gpt-4o-mini"), WAIT);
      assertEquals("consumed", span.stringAttribute("llmcost.outcome"));
      assertEquals(1, provider.requests().size());
      assertFalse(result.stderr().contains("upfront firing"));
    }
  }
}
