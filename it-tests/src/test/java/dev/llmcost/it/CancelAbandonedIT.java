package dev.llmcost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.fake.FakeProvider;
import dev.llmcost.it.apps.DroppedStreamsApp;
import dev.llmcost.it.harness.AgentJvm;
import dev.llmcost.it.harness.Jdks;
import dev.llmcost.it.harness.JvmResult;
import dev.llmcost.it.harness.OtlpReceiver;
import dev.llmcost.it.harness.ReceivedSpan;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** With llmcost.cancel_abandoned, streams nobody can read any more stop costing during the run. */
class CancelAbandonedIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void droppedStreamsAreStoppedDuringTheRunWhenAskedTo() throws Exception {
    try (FakeProvider provider = FakeProvider.start(); OtlpReceiver otlp = OtlpReceiver.start()) {
      JvmResult result = AgentJvm.forMain(DroppedStreamsApp.class).on(Jdks.current())
          .withAgent("cancel_abandoned=true").exportingTo(otlp).args(provider.baseUrl())
          .timeout(WAIT).run().assertSuccess();
      List<ReceivedSpan> abandoned = otlp.awaitSpans(
          s -> "abandoned".equals(s.stringAttribute("llmcost.outcome")), 3, WAIT);
      assertEquals(3, abandoned.size());
      for (ReceivedSpan s : abandoned) {
        // Nobody read these streams, so backpressure kept their bytes in the socket: the agent
        // counts what reached the JVM (an estimate, less than the full answer) and the input.
        assertEquals(Boolean.TRUE, s.attribute("llmcost.usage.estimated"));
        assertTrue(s.longAttribute("gen_ai.usage.output_tokens") < 3000);
        assertTrue(s.doubleAttribute("llmcost.waste.usd") > 0);
      }
      long workDone = otherWorkDone(result);
      long stoppedDuringTheRun = provider.connections().stream()
          .filter(c -> !c.isOpen() && c.closedNanos() < workDone)
          .count();
      assertTrue(stoppedDuringTheRun >= 3,
          "the provider saw the dropped streams closed during the run: " + provider.connections());
      otlp.awaitSpan(s -> "consumed".equals(s.stringAttribute("llmcost.outcome")), WAIT);
    }
  }

  @Test
  void droppedStreamsAreReportedButLeftRunningByDefault() throws Exception {
    try (FakeProvider provider = FakeProvider.start(); OtlpReceiver otlp = OtlpReceiver.start()) {
      JvmResult result = AgentJvm.forMain(DroppedStreamsApp.class).on(Jdks.current()).withAgent()
          .exportingTo(otlp).args(provider.baseUrl()).timeout(WAIT).run().assertSuccess();
      List<ReceivedSpan> abandoned = otlp.awaitSpans(
          s -> "abandoned".equals(s.stringAttribute("llmcost.outcome")), 3, WAIT);
      assertEquals(3, abandoned.size(), "dropped first, stopped at exit: still abandoned");
      long workDone = otherWorkDone(result);
      long openUntilExit = provider.connections().stream()
          .filter(c -> c.isOpen() || c.closedNanos() > workDone)
          .count();
      assertTrue(openUntilExit >= 3, "nothing stopped them during the run: " + provider.connections());
    }
  }

  private static long otherWorkDone(JvmResult result) {
    return Long.parseLong(result.stdout().lines().filter(l -> l.startsWith("### other work done at "))
        .findFirst().orElseThrow().substring(23).trim());
  }
}
