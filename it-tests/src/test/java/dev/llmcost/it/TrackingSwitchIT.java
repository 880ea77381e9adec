package dev.llmcost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.fake.FakeProvider;
import dev.llmcost.it.apps.PauseTrackingApp;
import dev.llmcost.it.harness.AgentJvm;
import dev.llmcost.it.harness.Jdks;
import dev.llmcost.it.harness.JvmResult;
import dev.llmcost.it.harness.OtlpReceiver;
import dev.llmcost.it.harness.ReceivedSpan;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Tracking paused over JMX while the application runs, then resumed, without a restart. */
class TrackingSwitchIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void callsMadeWhilePausedAreLeftAloneAndTrackingResumesAfter() throws Exception {
    try (FakeProvider provider = FakeProvider.start(); OtlpReceiver otlp = OtlpReceiver.start()) {
      JvmResult result = AgentJvm.forMain(PauseTrackingApp.class).on(Jdks.current()).withAgent()
          .exportingTo(otlp).args(provider.baseUrl()).timeout(WAIT).run();
      result.assertSuccess();
      assertEquals(4, provider.requests().size(), "every call reached the provider");
      List<String> answers = result.stdout().lines().filter(l -> l.startsWith("### answer "))
          .collect(Collectors.toList());
      assertEquals(4, answers.size(), result::describe);
      answers.forEach(a -> assertTrue(a.contains("\"usage\""), "the whole answer: " + a));
      assertTrue(result.stdout().contains("### paused=true"), result::describe);
      assertTrue(result.stderr().contains("tracking paused"), result::stderr);
      assertTrue(result.stderr().contains("tracking resumed"), result::stderr);
      assertTrue(result.stderr().contains("LLM cost report: 2 calls"), result::stderr);

      otlp.awaitSpans(s -> s.hasAttribute("llmcost.outcome"), 2, WAIT);
      Thread.sleep(500); // a span of a paused call, were there one, would have come with these
      Set<String> tracked = otlp.spans().stream().filter(s -> s.hasAttribute("llmcost.outcome"))
          .map(s -> s.stringAttribute("gen_ai.request.model")).collect(Collectors.toSet());
      assertEquals(Set.of("gpt-4o-mini", "gpt-4.1-mini"), tracked);
      for (ReceivedSpan span : otlp.spans()) {
        assertTrue(span.hasAttribute("llmcost.outcome"), "no other span: " + span);
      }
    }
  }
}
