package dev.llmcost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.fake.Behaviour;
import dev.llmcost.fake.FakeProvider;
import dev.llmcost.fake.FakeUsage;
import dev.llmcost.it.apps.InputStreamBodiesApp;
import dev.llmcost.it.harness.AgentJvm;
import dev.llmcost.it.harness.BundledPrices;
import dev.llmcost.it.harness.Jdk;
import dev.llmcost.it.harness.JvmResult;
import dev.llmcost.it.harness.OtlpReceiver;
import dev.llmcost.it.harness.ReceivedSpan;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code ofInputStream()} and {@code ofLines()}: the body is the result, as with OkHttp. Reading
 * any of it is using it; closing or dropping it unread abandons it, whatever the client had
 * buffered, with the usage the provider billed.
 */
class JdkInputStreamBodyIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final FakeUsage USAGE = FakeUsage.of(1200, 200);

  @ParameterizedTest
  @MethodSource("dev.llmcost.it.harness.Jdks#available")
  void anInputStreamBodyIsUsedByReadingItAndAbandonedWhenClosedOrDroppedUnread(Jdk jdk)
      throws Exception {
    try (FakeProvider provider = FakeProvider.start(Behaviour.normal().withUsage(USAGE));
        OtlpReceiver otlp = OtlpReceiver.start()) {
      AgentJvm app = AgentJvm.forMain(InputStreamBodiesApp.class).on(jdk)
          .args(provider.baseUrl()).timeout(WAIT);
      JvmResult without = app.run().assertSuccess();
      JvmResult with = app.withAgent().exportingTo(otlp).run().assertSuccess();
      assertEquals(without.stdout(), with.stdout(), "the application's output must not change");

      List<ReceivedSpan> spans = otlp.awaitSpans(8, WAIT);
      assertEquals(8, spans.size(), spans.toString());
      BundledPrices prices = BundledPrices.fromBuiltAgent();
      for (String model : List.of("gpt-4o-mini", "gpt-4o", "gpt-4.1-mini", "gpt-4.1")) {
        ReceivedSpan s = spanFor(spans, model);
        assertEquals("abandoned", s.stringAttribute("llmcost.outcome"), s.toString());
        assertBilled(prices, model, s);
        assertEquals(s.doubleAttribute("llmcost.cost.usd"), s.doubleAttribute("llmcost.waste.usd"),
            1e-12, "all of it is waste: " + s);
      }
      for (String model : List.of("o4-mini", "gpt-4.1-nano", "gpt-5-mini")) {
        ReceivedSpan s = spanFor(spans, model);
        assertEquals("consumed", s.stringAttribute("llmcost.outcome"), s.toString());
        assertBilled(prices, model, s);
        assertTrue(!s.hasAttribute("llmcost.waste.usd") || s.doubleAttribute("llmcost.waste.usd") == 0,
            s.toString());
      }
      ReceivedSpan stream = spanFor(spans, "gpt-5-nano");
      assertEquals("stream_closed_early", stream.stringAttribute("llmcost.outcome"), stream.toString());
      assertEquals(Boolean.TRUE, stream.attribute("llmcost.usage.estimated"),
          "closed at once: the stream is cut before its usage came " + stream);
      assertTrue(stream.longAttribute("gen_ai.usage.output_tokens") < USAGE.outputTokens(),
          stream.toString());
    }
  }

  private static void assertBilled(BundledPrices prices, String model, ReceivedSpan s) {
    assertEquals(USAGE.inputTokens(), s.longAttribute("gen_ai.usage.input_tokens"), s.toString());
    assertEquals(USAGE.outputTokens(), s.longAttribute("gen_ai.usage.output_tokens"), s.toString());
    assertEquals(false, s.attribute("llmcost.usage.estimated"), s.toString());
    assertEquals(prices.costUsd("openai/" + model, USAGE.inputTokens(), USAGE.outputTokens()),
        s.doubleAttribute("llmcost.cost.usd"), 1e-12, s.toString());
  }

  private static ReceivedSpan spanFor(List<ReceivedSpan> spans, String model) {
    List<ReceivedSpan> named = spans.stream().filter(s -> s.name().equals("chat " + model)).toList();
    assertEquals(1, named.size(), model + ": " + spans);
    return named.get(0);
  }
}
