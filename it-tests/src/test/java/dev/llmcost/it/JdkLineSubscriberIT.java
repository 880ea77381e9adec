package dev.llmcost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.fake.Behaviour;
import dev.llmcost.fake.FakeProvider;
import dev.llmcost.fake.FakeUsage;
import dev.llmcost.it.apps.LineSubscriberApp;
import dev.llmcost.it.harness.AgentJvm;
import dev.llmcost.it.harness.BundledPrices;
import dev.llmcost.it.harness.Jdk;
import dev.llmcost.it.harness.JvmResult;
import dev.llmcost.it.harness.OtlpReceiver;
import dev.llmcost.it.harness.ReceivedSpan;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code sendAsync(request, BodyHandlers.fromLineSubscriber(...))}: the body goes to the
 * application's own subscriber and the future completes only at the end of the body, so an
 * application may never touch the future at all. The lines reaching its subscriber are what it
 * consumes.
 */
class JdkLineSubscriberIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final FakeUsage USAGE = FakeUsage.of(900, 150);

  private static FakeProvider provider;
  private static OtlpReceiver otlp;

  @BeforeAll
  static void start() {
    provider = FakeProvider.start(Behaviour.normal().withUsage(USAGE));
    otlp = OtlpReceiver.start();
  }

  @AfterAll
  static void stop() {
    provider.close();
    otlp.close();
  }

  @ParameterizedTest
  @MethodSource("dev.llmcost.it.harness.Jdks#available")
  void linesDeliveredToTheApplicationsSubscriberAreConsumedWhetherOrNotItReadsTheFuture(Jdk jdk) {
    otlp.clear();
    AgentJvm app = AgentJvm.forMain(LineSubscriberApp.class).on(jdk).args(provider.openAiBaseUrl()).timeout(WAIT);
    JvmResult without = app.run().assertSuccess();
    JvmResult with = app.withAgent().exportingTo(otlp).run().assertSuccess();
    assertEquals(without.stdout(), with.stdout(), "lines, ends and delivering threads with the agent");
    assertTrue(with.stdout().contains("subscriber-only complete"), with.stdout());
    assertTrue(with.stdout().contains("cancel cancelled"), with.stdout());

    List<ReceivedSpan> spans = otlp.awaitSpans(3, WAIT);
    assertEquals(3, spans.size(), spans.toString());
    BundledPrices prices = BundledPrices.fromBuiltAgent();
    for (String model : List.of("gpt-4o-mini", "gpt-4o")) {
      ReceivedSpan span = spanNamed(spans, "chat " + model);
      assertEquals("consumed", span.stringAttribute("llmcost.outcome"), model);
      assertEquals(USAGE.inputTokens(), span.longAttribute("gen_ai.usage.input_tokens"), model);
      assertEquals(USAGE.outputTokens(), span.longAttribute("gen_ai.usage.output_tokens"), model);
      assertEquals(false, span.attribute("llmcost.usage.estimated"), model);
      assertEquals(prices.costUsd("openai/" + model, USAGE.inputTokens(), USAGE.outputTokens()),
          span.doubleAttribute("llmcost.cost.usd"), 1e-12, model);
    }
    ReceivedSpan cancelled = spanNamed(spans, "chat gpt-4.1-mini");
    assertEquals("stream_closed_early", cancelled.stringAttribute("llmcost.outcome"));
  }

  private static ReceivedSpan spanNamed(List<ReceivedSpan> spans, String name) {
    List<ReceivedSpan> named = spans.stream().filter(s -> s.name().equals(name)).toList();
    assertEquals(1, named.size(), name + ": " + spans);
    return named.get(0);
  }
}
