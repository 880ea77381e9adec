package dev.llmcost.it.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.llmcost.fake.FakeProvider;
import dev.llmcost.it.apps.WireProbeApp;
import dev.llmcost.it.harness.AgentJvm;
import dev.llmcost.it.harness.OtlpReceiver;
import dev.llmcost.it.harness.ReceivedSpan;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Prompt and completion text stay off the spans unless the user asks; then they come redacted and capped. */
class ContentCaptureIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String INPUT = "gen_ai.input.messages";
  private static final String OUTPUT = "gen_ai.output.messages";

  @Test
  void noTextIsExportedByDefault() throws Exception {
    try (FakeProvider provider = FakeProvider.start(); OtlpReceiver otlp = OtlpReceiver.start()) {
      AgentJvm.forMain(WireProbeApp.class).withAgent().exportingTo(otlp).args(provider.baseUrl())
          .timeout(WAIT).run().assertSuccess();
      List<ReceivedSpan> spans = otlp.awaitSpans(s -> s.hasAttribute("llmcost.outcome"), 4, WAIT);
      for (ReceivedSpan s : spans) {
        assertFalse(s.hasAttribute(INPUT) || s.hasAttribute(OUTPUT), s.toString());
      }
      assertFalse(otlp.receivedBytesContain("Say hi"), "no prompt in any export");
      assertFalse(otlp.receivedBytesContain("fake1"), "no completion in any export");
    }
  }

  @Test
  void capturedTextIsRedactedAndCapped() throws Exception {
    try (FakeProvider provider = FakeProvider.start(); OtlpReceiver otlp = OtlpReceiver.start()) {
      AgentJvm.forMain(WireProbeApp.class).withAgent().exportingTo(otlp).args(provider.baseUrl())
          .systemProperty("llmcost.capture.content", "true")
          .systemProperty("llmcost.capture.max_chars", "11")
          .systemProperty("llmcost.capture.redact", "Say|fake1")
          .timeout(WAIT).run().assertSuccess();
      List<ReceivedSpan> spans = otlp.awaitSpans(s -> s.hasAttribute("llmcost.outcome"), 4, WAIT);
      for (ReceivedSpan s : spans) {
        assertEquals("[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"[REDACTED] \"}]}]",
            s.stringAttribute(INPUT), "redacted, then capped at 11 characters: " + s);
        String finish = s.stringAttribute("gen_ai.provider.name").equals("anthropic") ? "end_turn" : "stop";
        assertEquals("[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"fake0 [REDA\"}],"
            + "\"finish_reason\":\"" + finish + "\"}]", s.stringAttribute(OUTPUT), s.toString());
      }
    }
  }
}
