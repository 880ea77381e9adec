package dev.llmcost.it.transports;

import static dev.llmcost.it.transports.Spans.ANTHROPIC_MODEL;
import static dev.llmcost.it.transports.Spans.OPENAI_MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmcost.it.apps.ApacheAsyncApp;
import dev.llmcost.it.apps.ApacheClassicApp;
import dev.llmcost.it.apps.ApacheHttpClientApp;
import dev.llmcost.it.apps.IsolatedHttpClientApp;
import dev.llmcost.it.harness.Jdk;
import dev.llmcost.it.harness.Jdks;
import dev.llmcost.it.harness.ReceivedSpan;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Apache HttpClient 5, classic and async, as a real application uses them, on every JDK and on
 * two releases of the library: each LLM call is one span with its tokens, cost and outcome, other
 * requests none, and the application sees exactly what it sees without the agent.
 */
class ApacheHttpClientIT {

  static Stream<Arguments> jdksAndReleases() {
    return Jdks.available().stream().flatMap(jdk -> HttpClient5.all().stream().map(lib -> Arguments.of(jdk, lib)));
  }

  @ParameterizedTest(name = "{1} on JDK {0}")
  @MethodSource("jdksAndReleases")
  void everyLlmCallIsOneSpanWithItsTokensCostAndOutcome(Jdk jdk, HttpClient5 library) {
    List<ReceivedSpan> spans = TransportRun.spansOf(ApacheHttpClientApp.class, jdk, library::addTo, 11 + 11);
    classicCalls(new Spans(spans, ApacheClassicApp.class));
    asyncCalls(new Spans(spans, ApacheAsyncApp.class));
  }

  @ParameterizedTest(name = "JDK {0}")
  @MethodSource("dev.llmcost.it.harness.Jdks#available")
  void callsAreTrackedWhenTheLibraryLivesInTheApplicationsOwnClassLoader(Jdk jdk) {
    List<ReceivedSpan> spans = TransportRun.spansOf(IsolatedHttpClientApp.class, jdk, HttpClient5.CURRENT::passTo, 11 + 11);
    classicCalls(new Spans(spans, ApacheClassicApp.class));
    asyncCalls(new Spans(spans, ApacheAsyncApp.class));
  }

  private static void classicCalls(Spans spans) {
    // execute(request, handler), then execute(request) with the body read to its end
    Spans.assertReportedUsage(spans.one(OPENAI_MODEL, false, "consumed"), "openai");
    Spans.assertReportedUsage(spans.one(ANTHROPIC_MODEL, false, "consumed"), "anthropic");
    Spans.assertReportedUsage(spans.one(OPENAI_MODEL, true, "consumed"), "openai");
    Spans.assertReportedUsage(spans.one(ANTHROPIC_MODEL, true, "consumed"), "anthropic");

    // the client's close reads the rest of a stream closed early (to reuse the connection), so
    // the provider generated and billed all of it: closed early, with the whole stream's usage
    ReceivedSpan closedEarly = spans.one(OPENAI_MODEL, true, "stream_closed_early");
    Spans.assertReportedUsage(closedEarly, "openai");
    assertEquals(closedEarly.doubleAttribute("llmcost.cost.usd"),
        closedEarly.doubleAttribute("llmcost.waste.usd"), 1e-12, closedEarly::toString);
    // a response closed with its body unread: the client's close reads the rest, which the agent
    // shows the call first; billed in full, used by nobody
    ReceivedSpan closedUnread = spans.one(OPENAI_MODEL, false, "abandoned");
    Spans.assertReportedUsage(closedUnread, "openai");
    assertEquals(closedUnread.doubleAttribute("llmcost.cost.usd"),
        closedUnread.doubleAttribute("llmcost.waste.usd"), 1e-12, closedUnread::toString);
    spans.one(OPENAI_MODEL, true, "cancelled"); // HttpPost.cancel() mid-stream
    // the status read, the response dropped unread and unclosed: ended once its entity is
    // collected, not left in flight until the exit
    spans.one("gpt-4.1-mini", false, "stream_closed_early");

    spans.failedWithStatus(OPENAI_MODEL, 429);
    spans.failedWithStatus(ANTHROPIC_MODEL, 500);
    Spans.assertDropped(spans.one(OPENAI_MODEL, true, "failed"));
  }

  private static void asyncCalls(Spans spans) {
    // future.get(), httpcore's request builder, the application's callback, its own streaming
    // consumer, a buffered stream
    Spans.assertReportedUsage(spans.one(OPENAI_MODEL, false, "consumed"), "openai");
    Spans.assertReportedUsage(spans.one("gpt-4.1-nano", false, "consumed"), "openai");
    Spans.assertReportedUsage(spans.one(ANTHROPIC_MODEL, false, "consumed"), "anthropic");
    Spans.assertReportedUsage(spans.one(OPENAI_MODEL, true, "consumed"), "openai");
    Spans.assertReportedUsage(spans.one(ANTHROPIC_MODEL, true, "consumed"), "anthropic");

    spans.one(OPENAI_MODEL, true, "cancelled"); // future.cancel(true) mid-stream
    spans.failedWithStatus(OPENAI_MODEL, 429);
    spans.failedWithStatus(ANTHROPIC_MODEL, 500);
    Spans.assertDropped(spans.one(OPENAI_MODEL, true, "failed"));

    // the application's entity consumer inside the library's response consumer read it all
    Spans.assertReportedUsage(spans.one("gpt-4.1-mini", true, "consumed"), "openai");

    ReceivedSpan neverRead = spans.one(OPENAI_MODEL, false, "abandoned");
    Spans.assertReportedUsage(neverRead, "openai");
    assertEquals(neverRead.doubleAttribute("llmcost.cost.usd"), neverRead.doubleAttribute("llmcost.waste.usd"), 1e-12,
        "a result nobody read is all waste");
  }
}
