package dev.llmcost.it.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.fake.FakeProvider;
import dev.llmcost.it.apps.AnthropicSdkApp;
import dev.llmcost.it.apps.OfficialSdksApp;
import dev.llmcost.it.apps.OpenAiSdkApp;
import dev.llmcost.it.harness.Jdk;
import dev.llmcost.it.harness.Jdks;
import dev.llmcost.it.harness.ReceivedSpan;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The official OpenAI and Anthropic Java SDKs (the newest versions, and older ones still widely
 * used; all over OkHttp 4.12) on every JDK: {@link OpenAiSdkApp} then {@link AnthropicSdkApp} run
 * once without the agent and once with it. The OkHttp instrumentation makes one span per HTTP
 * call, so a call the SDK retries is a span per attempt; the SDK instrumentation only names the
 * application line behind calls the SDKs send from their own threads.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfficialSdksIT {
  private static final Class<?> OPENAI = OpenAiSdkApp.class;
  private static final Class<?> ANTHROPIC = AnthropicSdkApp.class;
  private static final int CALLS = 11 + 3; // OpenAI: ten calls, one retried once; Anthropic: three

  private final List<InstrumentedRun> runs = new ArrayList<>();

  @BeforeAll
  @Timeout(240)
  void runTheApplicationsOnEveryJdkAndSdkVersion() {
    for (Jdk jdk : Jdks.available()) {
      for (ClientLibraries sdks : ClientLibraries.officialSdks()) {
        runs.add(InstrumentedRun.of(OfficialSdksApp.class, jdk, sdks, FakeProvider::baseUrl, CALLS));
      }
    }
  }

  @Test
  void theApplicationsPrintExactlyTheSameWithTheAgent() {
    for (InstrumentedRun run : runs) {
      assertEquals(run.plain().stdout(), run.instrumented().stdout(), run.label());
      assertTrue(run.instrumented().stdout().endsWith("### done\n"), run.instrumented().describe());
      assertFalse(run.instrumented().stderr().contains(" WARN "), run.instrumented().stderr());
    }
  }

  @Test
  void anOpenAiChatCompletionIsConsumedWithTheFakesTokensAndTheirCost() {
    for (InstrumentedRun run : runs) {
      ReceivedSpan span = run.spanFrom(OPENAI, "chat");
      assertEquals("chat gpt-4o-mini", span.name());
      assertEquals("consumed", span.stringAttribute("llmcost.outcome"), run.label());
      assertEquals(false, span.attribute("llmcost.usage.estimated"));
      Prices.GPT_4O_MINI.assertTokensAndCost(span, 2000, 300);
    }
  }

  @Test
  void aGzippedAnswerIsConsumedWithItsTokens() {
    for (InstrumentedRun run : runs) {
      // OkHttp inflates it and drops the length: complete because the JSON document ended
      ReceivedSpan span = run.spanFrom(OPENAI, "gzippedChat");
      assertEquals("consumed", span.stringAttribute("llmcost.outcome"), run.label());
      Prices.GPT_4O_MINI.assertTokensAndCost(span, 2050, 305);
    }
  }

  @Test
  void anOpenAiAsyncChatCompletionIsReportedFromTheMethodThatStartedIt() {
    for (InstrumentedRun run : runs) {
      ReceivedSpan span = run.spanFrom(OPENAI, "asyncChat"); // sent from an SDK thread
      assertEquals("consumed", span.stringAttribute("llmcost.outcome"), run.label());
      Prices.GPT_4O_MINI.assertTokensAndCost(span, 2100, 310);
    }
  }

  @Test
  void anOpenAiStreamIteratedToItsEndIsConsumedWithItsReportedUsage() {
    for (InstrumentedRun run : runs) {
      ReceivedSpan span = run.spanFrom(OPENAI, "streamed");
      assertEquals("consumed", span.stringAttribute("llmcost.outcome"), run.label());
      assertEquals(true, span.attribute("gen_ai.request.stream"));
      Prices.GPT_4O_MINI.assertTokensAndCost(span, 2200, 320);
    }
  }

  @Test
  void anOpenAiStreamClosedAfterItsFirstChunkIsClosedEarlyWithEstimatedTokens() {
    for (InstrumentedRun run : runs) {
      ReceivedSpan span = run.spanFrom(OPENAI, "streamClosedEarly");
      assertEquals("stream_closed_early", span.stringAttribute("llmcost.outcome"), run.label());
      assertEquals(true, span.attribute("llmcost.usage.estimated")); // usage comes only at the end
      assertTrue(span.longAttribute("gen_ai.usage.input_tokens") > 0, span.toString());
      Prices.GPT_4O_MINI.assertCost(span);
    }
  }

  @Test
  void theOpenAiResponsesApiIsConsumedWithItsUsage() {
    for (InstrumentedRun run : runs) {
      ReceivedSpan span = run.spanFrom(OPENAI, "responses");
      assertEquals("responses", span.stringAttribute("openai.api.type"));
      assertEquals("consumed", span.stringAttribute("llmcost.outcome"), run.label());
      Prices.GPT_4O_MINI.assertTokensAndCost(span, 2400, 340);
    }
  }

  @Test
  void aStreamedResponsesApiCallIsConsumedWithTheUsageOfItsCompletedEvent() {
    for (InstrumentedRun run : runs) {
      ReceivedSpan span = run.spanFrom(OPENAI, "responsesStreamed");
      assertEquals("responses", span.stringAttribute("openai.api.type"));
      assertEquals(true, span.attribute("gen_ai.request.stream"));
      assertEquals("consumed", span.stringAttribute("llmcost.outcome"), run.label());
      assertEquals(false, span.attribute("llmcost.usage.estimated"));
      Prices.GPT_4O_MINI.assertTokensAndCost(span, 2500, 350);
    }
  }

  @Test
  void anAsyncResponsesApiCallReadThroughItsFutureIsConsumed() {
    for (InstrumentedRun run : runs) {
      ReceivedSpan span = run.spanFrom(OPENAI, "asyncResponses");
      assertEquals("responses", span.stringAttribute("openai.api.type"));
      assertEquals("consumed", span.stringAttribute("llmcost.outcome"), run.label());
      Prices.GPT_4O_MINI.assertTokensAndCost(span, 2600, 360);
    }
  }

  @Test
  void aClientPointedAtASelfHostedServerOnLocalhostIsSeenTheSameWay() {
    for (InstrumentedRun run : runs) {
      ReceivedSpan span = run.spanFrom(OPENAI, "selfHostedChat");
      assertEquals("localhost", span.stringAttribute("server.address"), run.label());
      assertEquals("consumed", span.stringAttribute("llmcost.outcome"), run.label());
      Prices.GPT_4O_MINI.assertTokensAndCost(span, 2700, 370);
    }
  }

  @Test
  void eachAttemptOfACallTheSdkRetriesIsItsOwnFailedSpan() {
    for (InstrumentedRun run : runs) {
      List<ReceivedSpan> attempts = run.spansFrom(OPENAI, "retried");
      assertEquals(2, attempts.size(), run.label() + ": " + run.spans());
      for (ReceivedSpan attempt : attempts) {
        assertEquals("failed", attempt.stringAttribute("llmcost.outcome"));
        assertEquals("429", attempt.stringAttribute("error.type"));
      }
    }
  }

  @Test
  void anAnthropicMessageIsConsumedWithTheFakesTokensAndTheirCost() {
    for (InstrumentedRun run : runs) {
      ReceivedSpan span = run.spanFrom(ANTHROPIC, "message");
      assertEquals("chat claude-haiku-4-5", span.name());
      assertEquals("anthropic", span.stringAttribute("gen_ai.provider.name"));
      assertEquals("consumed", span.stringAttribute("llmcost.outcome"), run.label());
      assertEquals(256L, span.longAttribute("gen_ai.request.max_tokens"));
      Prices.CLAUDE_HAIKU_4_5.assertTokensAndCost(span, 3000, 400);
    }
  }

  @Test
  void anAnthropicAsyncMessageIsReportedFromTheMethodThatStartedIt() {
    for (InstrumentedRun run : runs) {
      ReceivedSpan span = run.spanFrom(ANTHROPIC, "asyncMessage"); // sent from an SDK thread
      assertEquals("consumed", span.stringAttribute("llmcost.outcome"), run.label());
      Prices.CLAUDE_HAIKU_4_5.assertTokensAndCost(span, 3100, 410);
    }
  }

  @Test
  void anAnthropicStreamIteratedToItsEndIsConsumedWithTheUsageOfItsMessageDelta() {
    for (InstrumentedRun run : runs) {
      ReceivedSpan span = run.spanFrom(ANTHROPIC, "streamed");
      assertEquals("consumed", span.stringAttribute("llmcost.outcome"), run.label());
      assertEquals(true, span.attribute("gen_ai.request.stream"));
      assertEquals(false, span.attribute("llmcost.usage.estimated"));
      Prices.CLAUDE_HAIKU_4_5.assertTokensAndCost(span, 3200, 420);
    }
  }
}
