package dev.llmcost.it.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.fake.FakeProvider;
import dev.llmcost.it.apps.OkHttpApp;
import dev.llmcost.it.harness.Jdk;
import dev.llmcost.it.harness.Jdks;
import dev.llmcost.it.harness.ReceivedSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Plain OkHttp, 4.12 and 5.x, on every JDK: {@link OkHttpApp} makes eleven calls (JSON, stream,
 * a JSON answer closed unread, enqueue, a stream closed early, a cancel mid-stream, an enqueued call cancelled while waiting
 * for its answer, a 429, a 500, a dropped connection, a stream still
 * running at exit) once without the agent and once with it. Each test checks one behaviour on
 * every run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OkHttpIT {
  private static final Class<?> APP = OkHttpApp.class;
  private static final int CALLS = 11;

  private final List<InstrumentedRun> runs = new ArrayList<>();

  @BeforeAll
  @Timeout(240)
  void runTheApplicationOnEveryJdkAndOkHttpVersion() {
    for (Jdk jdk : Jdks.available()) {
      for (ClientLibraries okHttp : ClientLibraries.okHttp()) {
        runs.add(InstrumentedRun.of(APP, jdk, okHttp, FakeProvider::baseUrl, CALLS));
      }
    }
  }

  @Test
  void theApplicationPrintsExactlyTheSameWithTheAgent() {
    for (InstrumentedRun run : runs) {
      assertEquals(run.plain().stdout(), run.instrumented().stdout(), run.label());
      assertTrue(run.instrumented().stdout().contains("### done"), run.instrumented().describe());
      assertFalse(run.instrumented().stderr().contains(" WARN "), run.instrumented().stderr());
    }
  }

  @Test
  void aSynchronousJsonCallIsOneConsumedSpanWithTheFakesTokensAndTheirCost() {
    for (InstrumentedRun run : runs) {
      ReceivedSpan span = run.spanFrom(APP, "syncJson");
      assertEquals("chat gpt-4o-mini", span.name());
      assertEquals("openai", span.stringAttribute("gen_ai.provider.name"));
      assertEquals("consumed", span.stringAttribute("llmcost.outcome"), run.label());
      assertEquals(false, span.attribute("llmcost.usage.estimated"));
      Prices.GPT_4O_MINI.assertTokensAndCost(span, 1000, 200);
    }
  }

  @Test
  void aStreamReadToItsEndIsConsumedWithTheUsageOfItsLastChunk() {
    for (InstrumentedRun run : runs) {
      ReceivedSpan span = run.spanFrom(APP, "syncStream");
      assertEquals("consumed", span.stringAttribute("llmcost.outcome"), run.label());
      assertEquals(true, span.attribute("gen_ai.request.stream"));
      assertTrue(span.hasAttribute("gen_ai.response.time_to_first_chunk"), span.toString());
      Prices.GPT_4O_MINI.assertTokensAndCost(span, 1100, 210);
    }
  }

  @Test
  void anEnqueuedCallIsReportedFromTheMethodThatEnqueuedIt() {
    for (InstrumentedRun run : runs) {
      ReceivedSpan span = run.spanFrom(APP, "enqueued"); // found by its call site, on the app's thread
      assertEquals("consumed", span.stringAttribute("llmcost.outcome"), run.label());
      Prices.GPT_4O_MINI.assertTokensAndCost(span, 1200, 220);
    }
  }

  @Test
  void aWholeAnswerClosedUnreadIsAbandonedWithTheUsageItWasBilled() {
    for (InstrumentedRun run : runs) {
      ReceivedSpan span = run.spanFrom(APP, "jsonClosedUnread");
      assertEquals("abandoned", span.stringAttribute("llmcost.outcome"), run.label());
      assertEquals(false, span.attribute("llmcost.usage.estimated"), span.toString());
      Prices.GPT_4O_MINI.assertTokensAndCost(span, 1250, 225);
      assertEquals(span.doubleAttribute("llmcost.cost.usd"), span.doubleAttribute("llmcost.waste.usd"));
    }
  }

  @Test
  void okHttpStreamClosedEarlyIsReportedWithTheTokensReceived() {
    for (InstrumentedRun run : runs) {
      ReceivedSpan span = run.spanFrom(APP, "streamClosedEarly");
      assertEquals("chat claude-haiku-4-5", span.name());
      assertEquals("stream_closed_early", span.stringAttribute("llmcost.outcome"), run.label());
      // message_start carried the input tokens; the output is estimated from the text received
      assertEquals(1300, span.longAttribute("gen_ai.usage.input_tokens"));
      assertTrue(span.longAttribute("gen_ai.usage.output_tokens") > 0, span.toString());
      assertEquals(true, span.attribute("llmcost.usage.estimated"));
      Prices.CLAUDE_HAIKU_4_5.assertCost(span);
      assertTrue(span.doubleAttribute("llmcost.waste.usd") > 0, span.toString());
    }
  }

  @Test
  void cancellingTheCallMidStreamIsReportedAsCancelled() {
    for (InstrumentedRun run : runs) {
      ReceivedSpan span = run.spanFrom(APP, "cancelledMidStream");
      assertEquals("cancelled", span.stringAttribute("llmcost.outcome"), run.label());
      assertFalse(span.hasAttribute("error.type"), span.toString());
    }
  }

  @Test
  void cancellingAnEnqueuedCallWaitingForItsAnswerIsReportedAsCancelled() {
    for (InstrumentedRun run : runs) {
      ReceivedSpan span = run.spanFrom(APP, "cancelledWhileWaiting");
      assertEquals("cancelled", span.stringAttribute("llmcost.outcome"), run.label());
      assertFalse(span.hasAttribute("error.type"), span.toString());
      assertTrue(run.instrumented().stdout().contains("### cancelledWhileWaiting\nfailed, canceled true\n"),
          run.instrumented().describe());
    }
  }

  @Test
  void httpErrorsAreFailedCallsWithTheirStatusAsErrorType() {
    for (InstrumentedRun run : runs) {
      ReceivedSpan rateLimited = run.spanFrom(APP, "rateLimited");
      assertEquals("failed", rateLimited.stringAttribute("llmcost.outcome"), run.label());
      assertEquals("429", rateLimited.stringAttribute("error.type"));
      assertEquals(429L, rateLimited.longAttribute("http.response.status_code"));
      assertEquals("ERROR", rateLimited.statusCode());

      ReceivedSpan serverError = run.spanFrom(APP, "serverError");
      assertEquals("failed", serverError.stringAttribute("llmcost.outcome"), run.label());
      assertEquals("500", serverError.stringAttribute("error.type"));
      assertEquals("anthropic", serverError.stringAttribute("gen_ai.provider.name"));
    }
  }

  @Test
  void aStreamStillRunningWhenTheJvmExitsIsCancelledAtShutdown() {
    for (InstrumentedRun run : runs) {
      ReceivedSpan span = run.spanFrom(APP, "exitWhileStreaming");
      assertEquals("cancelled_at_shutdown", span.stringAttribute("llmcost.outcome"), run.label());
      Prices.GPT_4O_MINI.assertCost(span);
    }
  }

  @Test
  void aConnectionDroppedMidStreamIsAFailureNamingTheExceptionTheApplicationGot() {
    Pattern failure = Pattern.compile("### connectionDropped\\R+failed (\\S+)");
    for (InstrumentedRun run : runs) {
      Matcher printed = failure.matcher(run.instrumented().stdout());
      assertTrue(printed.find(), run.instrumented().stdout());
      ReceivedSpan span = run.spanFrom(APP, "connectionDropped");
      assertEquals("failed", span.stringAttribute("llmcost.outcome"), run.label());
      assertEquals(printed.group(1), span.stringAttribute("error.type"), run.label());
    }
  }
}
