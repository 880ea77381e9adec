package dev.llmcost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.api.LlmCost;
import dev.llmcost.fake.FakeProvider;
import dev.llmcost.it.apps.TaggedCallsApp;
import dev.llmcost.it.harness.AgentJvm;
import dev.llmcost.it.harness.JvmResult;
import dev.llmcost.it.harness.OtlpReceiver;
import dev.llmcost.it.harness.ReceivedMetric;
import dev.llmcost.it.harness.ReceivedSpan;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code LlmCost.tag(...)}, shipped by the application: tags spans with the agent, does nothing without. */
class TaggingApiIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void withoutTheAgentTheApiDoesNothingAndTheAppRunsAsBefore() throws Exception {
    try (FakeProvider provider = FakeProvider.start()) {
      JvmResult result = app(provider).run().assertSuccess();
      assertTrue(result.stdout().contains("### agent false tags {}"), result.stdout());
      assertEquals(3, provider.requests().size());
    }
  }

  @Test
  void withTheAgentCallsStartedInAScopeCarryItsTags() throws Exception {
    try (FakeProvider provider = FakeProvider.start(); OtlpReceiver otlp = OtlpReceiver.start()) {
      JvmResult plain = app(provider).run().assertSuccess();
      JvmResult result = app(provider).withAgent("metric.tag_keys=feature").exportingTo(otlp).run()
          .assertSuccess();
      assertTrue(result.stdout().contains("### agent true tags {feature=search}"), result.stdout());
      assertEquals(withoutAgentLine(plain.stdout()), withoutAgentLine(result.stdout()),
          "the application sees the same results");

      ReceivedSpan sync = otlp.awaitSpan(s -> s.name().equals("chat gpt-4o-mini"), WAIT);
      assertEquals("search", sync.stringAttribute("llmcost.tag.feature"));
      assertEquals("u-42", sync.stringAttribute("llmcost.tag.user"));
      assertEquals("main", sync.stringAttribute("thread.name"));
      ReceivedSpan async = otlp.awaitSpan(s -> s.name().equals("chat gpt-4o"), WAIT);
      assertEquals("search", async.stringAttribute("llmcost.tag.feature"), "started in the scope");
      assertFalse(async.hasAttribute("llmcost.tag.user"), "the inner scope had closed");
      ReceivedSpan untagged = otlp.awaitSpan(s -> s.name().equals("chat gpt-4.1-mini"), WAIT);
      assertFalse(untagged.hasAttribute("llmcost.tag.feature"), "started after the scope closed");
      assertEquals("main", untagged.stringAttribute("thread.name"));

      ReceivedMetric calls = otlp.awaitMetric("llmcost.calls",
          m -> m.point(Map.of("gen_ai.request.model", "gpt-4.1-mini")).isPresent(), WAIT);
      assertEquals("search", calls.point(Map.of("gen_ai.request.model", "gpt-4o-mini")).orElseThrow()
          .attributes().get("llmcost.tag.feature"), "an allow-listed key is a dimension");
      for (ReceivedMetric.Point p : calls.points()) {
        assertFalse(p.attributes().containsKey("llmcost.tag.user"), "not allow-listed: spans only " + p);
      }
    }
  }

  private static AgentJvm app(FakeProvider provider) {
    return AgentJvm.forMain(TaggedCallsApp.class).withLibraryOf(LlmCost.class)
        .args(provider.baseUrl()).timeout(WAIT);
  }

  private static List<String> withoutAgentLine(String stdout) {
    return stdout.lines().filter(l -> l.startsWith("### ") && !l.startsWith("### agent")).toList();
  }
}
