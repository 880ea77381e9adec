package dev.llmcost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.fake.Behaviour;
import dev.llmcost.fake.FakeProvider;
import dev.llmcost.fake.FakeUsage;
import dev.llmcost.fake.RecordedRequest;
import dev.llmcost.it.apps.LangChain4jChatApp;
import dev.llmcost.it.harness.AgentJvm;
import dev.llmcost.it.harness.BundledPrices;
import dev.llmcost.it.harness.Jdk;
import dev.llmcost.it.harness.JvmResult;
import dev.llmcost.it.harness.OtlpReceiver;
import dev.llmcost.it.harness.ReceivedSpan;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * LangChain4j 1.19 (langchain4j-open-ai, langchain4j-anthropic) in a child JVM, as an application
 * ships it: LangChain4j finds its HTTP client through a ServiceLoader, and with only
 * langchain4j-http-client-jdk present that is the JDK HttpClient ({@code send(ofByteArray)} for
 * blocking chats, {@code sendAsync(ofInputStream)} read in a {@code thenAccept} for streams).
 */
class LangChain4jIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  static final FakeUsage USAGE = FakeUsage.of(1200, 300);
  static final String JDK_CLIENT = "http client: dev.langchain4j.http.client.jdk.JdkHttpClientBuilder";

  private static FakeProvider provider;
  private static OtlpReceiver otlp;

  @BeforeAll
  static void start() {
    provider = FakeProvider.start();
    otlp = OtlpReceiver.start();
  }

  @AfterAll
  static void stop() {
    provider.close();
    otlp.close();
  }

  @BeforeEach
  void reset() {
    provider.clear();
    provider.setDefaultBehaviour(Behaviour.normal().withChunks(4).withUsage(USAGE));
    otlp.clear();
  }

  @ParameterizedTest
  @MethodSource("dev.llmcost.it.harness.Jdks#available")
  void blockingAndStreamingChatsGiveOneConsumedSpanEachWithTokensAndCost(Jdk jdk) {
    AgentJvm app = AgentJvm.forMain(LangChain4jChatApp.class)
        .on(jdk)
        .withLibraries("langchain4j-", "jackson-", "jtokkit-", "slf4j-api-")
        .args(provider.openAiBaseUrl(), "openai", "anthropic")
        .timeout(WAIT);
    JvmResult without = app.run().assertSuccess();
    assertEquals(0, otlp.spans().size(), "no agent, no spans");
    JvmResult with = app.withAgent().exportingTo(otlp).run().assertSuccess();

    assertTrue(without.stdout().startsWith(JDK_CLIENT + "\n"), without.stdout());
    assertEquals(without.stdout(), with.stdout(), "the application's output with the agent");
    assertSpansOfOneRun(otlp, "openai", "anthropic");
    assertOpenAiStreamAskedForUsage(provider.requests());
  }

  /** Exactly one CLIENT span per chat of the run, each consumed, with the fake's usage and its price. */
  static void assertSpansOfOneRun(OtlpReceiver otlp, String... providers) {
    List<ReceivedSpan> spans = otlp.awaitSpans(2 * providers.length, WAIT);
    assertEquals(2 * providers.length, spans.size(), spans.toString());
    BundledPrices prices = BundledPrices.fromBuiltAgent();
    for (String name : providers) {
      String model = name.equals("openai") ? "gpt-4o-mini" : "claude-sonnet-4-5";
      for (boolean stream : new boolean[] {false, true}) {
        List<ReceivedSpan> matching = spans.stream()
            .filter(s -> name.equals(s.stringAttribute("gen_ai.provider.name")))
            .filter(s -> stream == Boolean.TRUE.equals(s.attribute("gen_ai.request.stream")))
            .toList();
        String what = name + (stream ? " streaming" : " blocking");
        assertEquals(1, matching.size(), what + ": " + spans);
        ReceivedSpan span = matching.get(0);
        assertEquals("chat " + model, span.name(), what);
        assertEquals("CLIENT", span.kind(), what);
        assertEquals("consumed", span.stringAttribute("llmcost.outcome"), what);
        assertEquals(false, span.attribute("llmcost.usage.estimated"), what);
        assertEquals(USAGE.inputTokens(), span.longAttribute("gen_ai.usage.input_tokens"), what);
        assertEquals(USAGE.outputTokens(), span.longAttribute("gen_ai.usage.output_tokens"), what);
        assertEquals(prices.costUsd(name + "/" + model, USAGE.inputTokens(), USAGE.outputTokens()),
            span.doubleAttribute("llmcost.cost.usd"), 1e-12, what);
        assertEquals("UNSET", span.statusCode(), what);
      }
    }
  }

  /** LangChain4j asks for the usage chunk itself, so a stream's tokens are reported, not estimated. */
  static void assertOpenAiStreamAskedForUsage(List<RecordedRequest> requests) {
    assertTrue(requests.stream()
        .filter(r -> r.path().endsWith("/chat/completions") && r.json().path("stream").asBoolean())
        .allMatch(r -> r.json().path("stream_options").path("include_usage").asBoolean()), requests.toString());
  }
}
