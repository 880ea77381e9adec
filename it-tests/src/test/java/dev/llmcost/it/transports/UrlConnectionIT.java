package dev.llmcost.it.transports;

import static dev.llmcost.it.transports.Spans.ANTHROPIC_MODEL;
import static dev.llmcost.it.transports.Spans.OPENAI_MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmcost.it.apps.UrlConnectionApp;
import dev.llmcost.it.harness.Jdk;
import dev.llmcost.it.harness.ReceivedSpan;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code java.net.HttpURLConnection} (buffered, fixed-length and chunked request bodies) on every JDK. */
class UrlConnectionIT {

  @ParameterizedTest(name = "JDK {0}")
  @MethodSource("dev.llmcost.it.harness.Jdks#available")
  void everyLlmCallIsOneSpanWithItsTokensCostAndOutcome(Jdk jdk) {
    Spans spans = new Spans(TransportRun.spansOf(UrlConnectionApp.class, jdk, jvm -> jvm, 10),
        UrlConnectionApp.class);

    Spans.assertReportedUsage(spans.one(OPENAI_MODEL, false, "consumed"), "openai");
    Spans.assertReportedUsage(spans.one(ANTHROPIC_MODEL, false, "consumed"), "anthropic");
    Spans.assertReportedUsage(spans.one(OPENAI_MODEL, true, "consumed"), "openai");
    Spans.assertReportedUsage(spans.one(ANTHROPIC_MODEL, true, "consumed"), "anthropic");

    ReceivedSpan closedEarly = spans.one(OPENAI_MODEL, true, "stream_closed_early");
    assertEquals(Boolean.TRUE, closedEarly.attribute("llmcost.usage.estimated"), "the usage chunk was never read");
    spans.one(ANTHROPIC_MODEL, true, "stream_closed_early"); // disconnect() mid-stream
    // status read, connection dropped with its body unread: ended once the JDK's stream is
    // collected, not left in flight until the exit
    spans.one(OPENAI_MODEL, false, "stream_closed_early");

    spans.failedWithStatus(OPENAI_MODEL, 429);
    spans.failedWithStatus(ANTHROPIC_MODEL, 500);
    Spans.assertDropped(spans.one(OPENAI_MODEL, true, "failed"));
  }
}
