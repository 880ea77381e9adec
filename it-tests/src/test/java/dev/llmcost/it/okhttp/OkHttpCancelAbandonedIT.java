package dev.llmcost.it.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.fake.FakeProvider;
import dev.llmcost.it.apps.OkHttpDroppedStreamsApp;
import dev.llmcost.it.harness.AgentJvm;
import dev.llmcost.it.harness.Jdks;
import dev.llmcost.it.harness.JvmResult;
import dev.llmcost.it.harness.OtlpReceiver;
import dev.llmcost.it.harness.ReceivedSpan;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * OkHttp streams whose responses the application dropped unread: with llmcost.cancel_abandoned
 * they are stopped as soon as the collector shows nobody can read them; by default the agent
 * reads them to their end (as the provider sends them anyway) and reports their billed usage.
 */
class OkHttpCancelAbandonedIT {
  private static final Duration WAIT = Duration.ofSeconds(45);
  private static final ClientLibraries OKHTTP_5 = ClientLibraries.okHttp().get(1);

  @Test
  void droppedStreamsAreStoppedDuringTheRunWhenAskedTo() throws Exception {
    try (FakeProvider provider = FakeProvider.start(); OtlpReceiver otlp = OtlpReceiver.start()) {
      JvmResult result = OKHTTP_5.classpath().apply(AgentJvm.forMain(OkHttpDroppedStreamsApp.class))
          .on(Jdks.current()).withAgent("cancel_abandoned=true").exportingTo(otlp)
          .args(provider.baseUrl()).timeout(WAIT).run().assertSuccess();
      List<ReceivedSpan> abandoned = otlp.awaitSpans(
          s -> "abandoned".equals(s.stringAttribute("llmcost.outcome")), 3, WAIT);
      assertEquals(3, abandoned.size(), otlp.spans().toString());
      for (ReceivedSpan s : abandoned) {
        assertEquals(Boolean.TRUE, s.attribute("llmcost.usage.estimated"), s.toString());
        assertTrue(s.longAttribute("gen_ai.usage.output_tokens") < 3000, s.toString());
        assertTrue(s.doubleAttribute("llmcost.waste.usd") > 0, s.toString());
      }
      long workDone = otherWorkDone(result);
      long stoppedDuringTheRun = provider.connections().stream()
          .filter(c -> !c.isOpen() && c.closedNanos() < workDone)
          .count();
      assertTrue(stoppedDuringTheRun >= 3,
          "the provider saw the dropped streams closed during the run: " + provider.connections());
      ReceivedSpan read = otlp.awaitSpan(s -> "consumed".equals(s.stringAttribute("llmcost.outcome")), WAIT);
      Prices.GPT_4O_MINI.assertTokensAndCost(read, 30, 3000);
    }
  }

  @Test
  void droppedStreamsAreAbandonedWithTheirBilledUsageByDefault() throws Exception {
    try (FakeProvider provider = FakeProvider.start(); OtlpReceiver otlp = OtlpReceiver.start()) {
      OKHTTP_5.classpath().apply(AgentJvm.forMain(OkHttpDroppedStreamsApp.class))
          .on(Jdks.current()).withAgent().exportingTo(otlp)
          .args(provider.baseUrl()).timeout(WAIT).run().assertSuccess();
      List<ReceivedSpan> abandoned = otlp.awaitSpans(
          s -> "abandoned".equals(s.stringAttribute("llmcost.outcome")), 3, WAIT);
      assertEquals(3, abandoned.size(), otlp.spans().toString());
      for (ReceivedSpan s : abandoned) {
        assertEquals(false, s.attribute("llmcost.usage.estimated"), s.toString());
        Prices.GPT_4O_MINI.assertTokensAndCost(s, 30, 3000);
        assertEquals(Prices.GPT_4O_MINI.cost(30, 3000), s.doubleAttribute("llmcost.waste.usd"), 1e-12);
      }
    }
  }

  private static long otherWorkDone(JvmResult result) {
    return Long.parseLong(result.stdout().lines().filter(l -> l.startsWith("### other work done at "))
        .findFirst().orElseThrow().substring(23).trim());
  }
}
