package dev.llmcost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.llmcost.fake.FakeProvider;
import dev.llmcost.it.apps.TracedServiceApp;
import dev.llmcost.it.harness.AgentJvm;
import dev.llmcost.it.harness.Jdk;
import dev.llmcost.it.harness.JvmResult;
import dev.llmcost.it.harness.OtlpReceiver;
import dev.llmcost.it.harness.ReceivedSpan;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** LLM cost shows inside the request trace that caused it. */
class AttributionIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @ParameterizedTest
  @MethodSource("dev.llmcost.it.harness.Jdks#available")
  void llmSpansAreChildrenOfTheApplicationsSpanAndCarryItsBaggage(Jdk jdk) throws Exception {
    try (FakeProvider provider = FakeProvider.start(); OtlpReceiver otlp = OtlpReceiver.start()) {
      JvmResult result = AgentJvm.forMain(TracedServiceApp.class).on(jdk)
          .withAgent("baggage.keys=tenant")
          .withLibraries("opentelemetry-", "okhttp-", "okio-", "kotlin-stdlib")
          .exportingTo(otlp).args(provider.baseUrl(), otlp.endpoint()).timeout(WAIT).run()
          .assertSuccess();
      String[] ids = result.stdout().lines().filter(l -> l.startsWith("### trace "))
          .findFirst().orElseThrow().substring(10).split(" ");

      otlp.awaitSpan(s -> s.name().equals("GET /quote"), WAIT);
      List<ReceivedSpan> llm = otlp.awaitSpans(s -> s.name().equals("chat gpt-4o-mini"), 2, WAIT);
      for (ReceivedSpan s : llm) {
        assertEquals(ids[0], s.traceId(), "same trace as the service's span");
        assertEquals(ids[1], s.parentSpanId(), "child of the service's span");
        assertEquals("search", s.stringAttribute("llmcost.feature"));
        assertEquals("acme", s.stringAttribute("llmcost.tag.tenant"));
        assertFalse(s.hasAttribute("llmcost.tag.secret"), "only configured baggage is copied");
      }
    }
  }
}
