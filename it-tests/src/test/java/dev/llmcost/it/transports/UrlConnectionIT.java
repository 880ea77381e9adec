package dev.llmcost.it.transports;

import static dev.llmcost.it.transports.Spans.ANTHROPIC_MODEL;
import static dev.llmcost.it.transports.Spans.OPENAI_MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    Spans spans = new Spans(TransportRun.spansOf(UrlConnectionApp.class, jdk, jvm -> jvm, 11),
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

    // a whole answer closed unread once it had arrived: billed in full, used by nobody; the
    // connection's close skips what has arrived, which the agent reads first
    ReceivedSpan closedUnread = spans.one(OPENAI_MODEL, false, "abandoned");
    Spans.assertReportedUsage(closedUnread, "openai");
    assertEquals(closedUnread.doubleAttribute("llmcost.cost.usd"),
        closedUnread.doubleAttribute("llmcost.waste.usd"), 1e-12, closedUnread::toString);

    ReceivedSpan rateLimited = spans.failedWithStatus(OPENAI_MODEL, 429);
    ReceivedSpan serverError = spans.failedWithStatus(ANTHROPIC_MODEL, 500);
    // Ended when its status was read, not when the connection was collected: a retry after a
    // 429 must not wait behind it for a concurrency slot.
    ReceivedSpan dropped = spans.one(OPENAI_MODEL, true, "failed");
    assertTrue(rateLimited.endNanos() < serverError.startNanos(), rateLimited + " / " + serverError);
    assertTrue(serverError.endNanos() < dropped.startNanos(), serverError + " / " + dropped);
    Spans.assertDropped(dropped);
  }
}
