package dev.llmcost.it.transports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.fake.Eventually;
import dev.llmcost.fake.FakeProvider;
import dev.llmcost.it.apps.ReactorNettyApp;
import dev.llmcost.it.apps.ReactorNettyH2App;
import dev.llmcost.it.apps.WebClientBurstApp;
import dev.llmcost.it.apps.WebClientSpendApp;
import dev.llmcost.it.harness.AgentJvm;
import dev.llmcost.it.harness.Http2Front;
import dev.llmcost.it.harness.Jdk;
import dev.llmcost.it.harness.Jdks;
import dev.llmcost.it.harness.JvmResult;
import dev.llmcost.it.harness.OpenTelemetryJavaAgent;
import dev.llmcost.it.harness.OtlpReceiver;
import dev.llmcost.it.harness.ReceivedSpan;
import dev.llmcost.it.okhttp.Prices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Netty-based HTTP clients as reactive applications use them, on every JDK: {@link ReactorNettyApp}
 * calls the fake provider with Reactor Netty's own {@code HttpClient} and with Spring's
 * {@code WebClient} on its default connector (Reactor Netty), once without the agent and once with
 * it, each time against a fresh fake (so answer ids repeat exactly). Each LLM call is one span with
 * its tokens, cost and outcome, the other request none, and the application prints exactly the
 * same. A scenario's span is found by the answer id the fake gave it, so every test but the last
 * stands without the call site; the last checks the call sites.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReactorNettyIT {
  private static final Class<?> APP = ReactorNettyApp.class;
  /** LLM calls the app makes, in order; the fake numbers its answers by request, from 0. */
  private static final int LLM_CALLS = 7;
  /** ... and one request to an API that is not an LLM's. */
  private static final int REQUESTS = LLM_CALLS + 1;
  private static final Duration RUN_LIMIT = Duration.ofSeconds(60);
  /** The agent exports at exit; the spans are in by the time the JVM is gone. */
  private static final Duration SPAN_WAIT = Duration.ofSeconds(5);

  private final List<Run> runs = new ArrayList<>();

  /** One JDK's pair of runs: the spans and requests are the instrumented run's. */
  private record Run(Jdk jdk, JvmResult plain, JvmResult instrumented, List<ReceivedSpan> spans,
      int requests, List<Throwable> providerFailures, List<Throwable> exportFailures) {

    String label() {
      return APP.getSimpleName() + " on JDK " + jdk.featureVersion();
    }

    /** The one span of the call the fake answered with this id. */
    ReceivedSpan answered(String responseId) {
      List<ReceivedSpan> found = spans.stream()
          .filter(s -> responseId.equals(s.stringAttribute("gen_ai.response.id")))
          .toList();
      assertEquals(1, found.size(), label() + ": spans answered " + responseId + ": " + summary());
      return found.get(0);
    }

    /** The one span without an answer id: the call the provider refused. */
    ReceivedSpan refused() {
      List<ReceivedSpan> found = spans.stream().filter(s -> !s.hasAttribute("gen_ai.response.id")).toList();
      assertEquals(1, found.size(), label() + ": spans without an answer id: " + summary());
      return found.get(0);
    }

    String summary() {
      return spans.size() + " spans " + spans.stream()
          .map(s -> s.attributes().entrySet().stream()
              .filter(e -> e.getKey().startsWith("gen_ai.") || e.getKey().startsWith("llmcost.")
                  || e.getKey().startsWith("code.function") || e.getKey().equals("error.type"))
              .map(e -> e.getKey() + "=" + e.getValue())
              .sorted()
              .collect(Collectors.joining(", ", "{", "}")))
          .toList()
          + "\n" + instrumented.describe();
    }
  }

  /** Reactor Netty and Spring's WebClient with what they need, from this class path. */
  private static final String[] LIBRARIES = {"reactor-netty-", "reactor-core-", "reactive-streams-",
      "netty-", "spring-webflux-", "spring-web-", "spring-core-", "spring-beans-", "spring-context-",
      "spring-aop-", "spring-expression-", "commons-logging-", "micrometer-"};

  @BeforeAll
  @Timeout(150)
  void runTheApplicationWithoutAndWithTheAgentOnEveryJdk() {
    for (Jdk jdk : Jdks.available()) {
      JvmResult plain;
      try (FakeProvider provider = FakeProvider.start()) {
        plain = application(jdk, provider).run().assertSuccess();
      }
      try (FakeProvider provider = FakeProvider.start(); OtlpReceiver otlp = OtlpReceiver.start()) {
        JvmResult instrumented = application(jdk, provider).withAgent().exportingTo(otlp).run().assertSuccess();
        provider.awaitIdle(SPAN_WAIT);
        // no assertion here: without spans, the tests that need none still say what they check
        Eventually.holds(SPAN_WAIT, () -> otlp.spans().size() >= LLM_CALLS);
        runs.add(new Run(jdk, plain, instrumented, otlp.spans(), provider.requests().size(),
            provider.failures(), otlp.failures()));
      }
    }
  }

  private static AgentJvm application(Jdk jdk, FakeProvider provider) {
    return AgentJvm.forMain(APP).on(jdk)
        .withLibraries(LIBRARIES)
        .args(provider.baseUrl())
        .timeout(RUN_LIMIT);
  }

  @Test
  void theApplicationPrintsExactlyTheSameWithTheAgent() {
    for (Run run : runs) {
      assertTrue(run.plain().stdout().endsWith("### done\n"), run.plain().describe());
      assertEquals(run.plain().stdout(), run.instrumented().stdout(), run.label());
    }
  }

  @Test
  void theAgentLogsNoWarning() {
    for (Run run : runs) {
      assertFalse(run.instrumented().stderr().contains(" WARN "), run.label() + ":\n" + run.instrumented().stderr());
    }
  }

  @Test
  void everyLlmCallIsOneSpanAndTheOtherRequestNone() {
    for (Run run : runs) {
      assertEquals(REQUESTS, run.requests(), run.label() + ": requests the provider received");
      assertTrue(run.providerFailures().isEmpty(), run.providerFailures().toString());
      assertTrue(run.exportFailures().isEmpty(), run.exportFailures().toString());
      assertEquals(LLM_CALLS, run.spans().size(), run.label() + ": " + run.summary());
      for (ReceivedSpan span : run.spans()) {
        assertEquals("CLIENT", span.kind(), span::toString);
        assertEquals("127.0.0.1", span.stringAttribute("server.address"), span::toString);
      }
    }
  }

  @Test
  void reactorNettyJsonAggregatedIsConsumedWithTheFakesUsage() {
    for (Run run : runs) {
      ReceivedSpan span = run.answered("chatcmpl-fake000000"); // nettyJson: responseSingle
      assertComplete(run, span, "openai", Prices.GPT_4O_MINI, false, 1000, 200);
    }
  }

  @Test
  void reactorNettyStreamReadToItsEndIsConsumedWithTheUsageOfItsLastChunk() {
    for (Run run : runs) {
      ReceivedSpan span = run.answered("chatcmpl-fake000001"); // nettyStream
      assertComplete(run, span, "openai", Prices.GPT_4O_MINI, true, 1100, 210);
    }
  }

  @Test
  void webClientJsonIsConsumedWithTheFakesUsage() {
    for (Run run : runs) {
      ReceivedSpan span = run.answered("msg_fake000002"); // webClientJson: bodyToMono(String)
      assertComplete(run, span, "anthropic", Prices.CLAUDE_HAIKU_4_5, false, 1200, 220);
    }
  }

  @Test
  void webClientStreamCollectedToItsEndIsConsumedWithTheUsageOfItsMessageDelta() {
    for (Run run : runs) {
      ReceivedSpan span = run.answered("msg_fake000003"); // webClientStream: bodyToFlux, collectList
      assertComplete(run, span, "anthropic", Prices.CLAUDE_HAIKU_4_5, true, 1300, 230);
    }
  }

  @Test
  void webClientStreamStoppedAfterTwoEventsIsClosedEarlyWithEstimatedTokens() {
    for (Run run : runs) {
      ReceivedSpan span = run.answered("chatcmpl-fake000004"); // webClientStreamStopped: take(2)
      assertRequest(run, span, "openai", Prices.GPT_4O_MINI, true);
      assertEquals("stream_closed_early", span.stringAttribute("llmcost.outcome"), run.label() + ": " + span);
      // the usage comes only in the last chunk: the tokens are counted from what was sent and received
      assertEquals(true, span.attribute("llmcost.usage.estimated"), span::toString);
      assertTrue(span.longAttribute("gen_ai.usage.input_tokens") > 0, span::toString);
      long output = span.longAttribute("gen_ai.usage.output_tokens");
      assertTrue(output > 0 && output < 240, "some of the 240 output tokens: " + span);
      Prices.GPT_4O_MINI.assertCost(span);
      assertEquals(span.doubleAttribute("llmcost.cost.usd"), span.doubleAttribute("llmcost.waste.usd"), 1e-12,
          "what was generated for a stream closed early is waste: " + span);
    }
  }

  @Test
  void aRateLimitedCallIsFailedWithItsStatusAndCostsNothing() {
    for (Run run : runs) {
      ReceivedSpan span = run.refused(); // rateLimited: WebClientResponseException
      assertRequest(run, span, "openai", Prices.GPT_4O_MINI, false);
      assertEquals("failed", span.stringAttribute("llmcost.outcome"), run.label() + ": " + span);
      assertEquals("429", span.stringAttribute("error.type"), span::toString);
      assertEquals(429L, span.longAttribute("http.response.status_code"), span::toString);
      assertEquals("ERROR", span.statusCode(), span::toString);
      // a refused request is billed nothing: no cost (the agent writes none without usage), no waste
      assertTrue(!span.hasAttribute("llmcost.cost.usd") || span.doubleAttribute("llmcost.cost.usd") == 0,
          span::toString);
      assertTrue(!span.hasAttribute("llmcost.waste.usd") || span.doubleAttribute("llmcost.waste.usd") == 0,
          span::toString);
    }
  }

  @Test
  void aGzippedAnswerToWebClientIsConsumedWithItsUsage() {
    for (Run run : runs) {
      // webClientGzipJson: the agent's handler sits before WebClient's decompressor
      ReceivedSpan span = run.answered("chatcmpl-fake000006");
      assertComplete(run, span, "openai", Prices.GPT_4O_MINI, false, 1700, 270);
    }
  }

  @Test
  void eachSpanNamesTheApplicationMethodThatMadeTheCall() {
    String app = APP.getName() + ".";
    for (Run run : runs) {
      assertEquals(app + "nettyJson", run.answered("chatcmpl-fake000000").stringAttribute("code.function.name"));
      assertEquals(app + "nettyStream", run.answered("chatcmpl-fake000001").stringAttribute("code.function.name"));
      assertEquals(app + "webClientJson", run.answered("msg_fake000002").stringAttribute("code.function.name"));
      assertEquals(app + "webClientStream", run.answered("msg_fake000003").stringAttribute("code.function.name"));
      assertEquals(app + "webClientStreamStopped",
          run.answered("chatcmpl-fake000004").stringAttribute("code.function.name"));
      assertEquals(app + "rateLimited", run.refused().stringAttribute("code.function.name"));
      assertEquals(app + "webClientGzipJson",
          run.answered("chatcmpl-fake000006").stringAttribute("code.function.name"));
    }
  }

  /** A whole answer, or a stream read to its end: consumed, with the fake's tokens and their cost. */
  private static void assertComplete(Run run, ReceivedSpan span, String provider, Prices model, boolean stream,
      long inputTokens, long outputTokens) {
    assertRequest(run, span, provider, model, stream);
    assertEquals("consumed", span.stringAttribute("llmcost.outcome"), run.label() + ": " + span);
    assertEquals(false, span.attribute("llmcost.usage.estimated"), span::toString);
    model.assertTokensAndCost(span, inputTokens, outputTokens);
    assertFalse(span.hasAttribute("error.type"), span::toString);
  }

  private static void assertRequest(Run run, ReceivedSpan span, String provider, Prices model, boolean stream) {
    assertEquals(provider, span.stringAttribute("gen_ai.provider.name"), run.label() + ": " + span);
    assertEquals(model.modelName(), span.stringAttribute("gen_ai.request.model"), span::toString);
    assertEquals(stream, Objects.equals(Boolean.TRUE, span.attribute("gen_ai.request.stream")), span::toString);
  }

  /** A hard budget refuses WebClient's calls where the application subscribes: nothing is sent. */
  @Test
  void theHardBudgetStopsWebClientCallsBeforeTheyAreSent() {
    try (FakeProvider provider = FakeProvider.start()) {
      JvmResult result = AgentJvm.forMain(WebClientSpendApp.class)
          .withLibraries(LIBRARIES)
          .withAgent("budget.hard_usd=0.013").args(provider.baseUrl()).timeout(RUN_LIMIT).run()
          .assertSuccess();
      List<String> lines = result.stdout().lines().filter(l -> l.startsWith("### ")).toList();
      assertEquals("### call 3 200", lines.get(2), result.stdout());
      for (int i = 3; i < 5; i++) {
        assertTrue(lines.get(i).startsWith("### call " + (i + 1) + " failed ")
            && lines.get(i).contains(" caused by dev.llmcost.bootstrap.LlmBudgetExceededException: LLM budget exceeded"),
            lines.get(i) + "\n" + result.stderr());
      }
      assertEquals(3, provider.requests().size(), "no request after the limit");
    }
  }

  /**
   * A concurrency limit holds WebClient's calls back where the application subscribes, without
   * blocking any thread: twenty at once reach the provider four at a time; calls that give up
   * while waiting send nothing and keep no slot.
   */
  @Test
  @Timeout(90)
  void theConcurrencyLimitHoldsWebClientCallsBackWithoutBlocking() {
    try (FakeProvider provider = FakeProvider.start(); OtlpReceiver otlp = OtlpReceiver.start()) {
      JvmResult result = AgentJvm.forMain(WebClientBurstApp.class).withLibraries(LIBRARIES)
          .withAgent("guard.max_concurrent=4").exportingTo(otlp).args(provider.baseUrl())
          .timeout(RUN_LIMIT).run().assertSuccess();
      assertEquals(List.of("### burst answered 20", "### impatient gave up 3",
          "### slow answered 4", "### after answered 4"),
          result.stdout().lines().filter(l -> l.startsWith("### ")).toList(), result::stderr);
      assertEquals(4, provider.maxConcurrentRequests(), "never more than the limit, and all of it used");
      assertEquals(28, provider.requests().size(), "the three that gave up waiting sent nothing");
      List<ReceivedSpan> spans = otlp.awaitSpans(28, SPAN_WAIT);
      assertTrue(spans.stream().filter(s -> s.hasAttribute("llmcost.guard.wait_ms"))
          .anyMatch(s -> s.longAttribute("llmcost.guard.wait_ms") >= 250), "calls waited: " + spans);
    }
    try (FakeProvider provider = FakeProvider.start()) {
      AgentJvm.forMain(WebClientBurstApp.class).withLibraries(LIBRARIES).withAgent()
          .args(provider.baseUrl()).timeout(RUN_LIMIT).run().assertSuccess();
      assertTrue(provider.maxConcurrentRequests() > 4, "without the limit: "
          + provider.maxConcurrentRequests() + " at once");
    }
  }

  /**
   * Reactor Netty over HTTP/2 (TLS with ALPN, through {@link Http2Front}): each stream has its own
   * pipeline, and the agent's handler sits after its {@code Http2StreamFrameToHttpObjectCodec}.
   */
  @Test
  @Timeout(90)
  void reactorNettyOverHttp2IsSeenTheSameWay() {
    String plain = h2Run(null).stdout();
    try (OtlpReceiver otlp = OtlpReceiver.start()) {
      JvmResult instrumented = h2Run(otlp);
      assertEquals(plain, instrumented.stdout());
      assertTrue(instrumented.stdout().contains("HTTP/2.0 200"), instrumented.stdout());
      List<ReceivedSpan> spans = otlp.awaitSpans(3, SPAN_WAIT);
      assertEquals(3, spans.size(), spans.toString());
      ReceivedSpan json = spanWithInputTokens(spans, 1800);
      assertEquals("consumed", json.stringAttribute("llmcost.outcome"), json.toString());
      Prices.GPT_4O_MINI.assertTokensAndCost(json, 1800, 280);
      ReceivedSpan stream = spanWithInputTokens(spans, 1900);
      assertEquals("consumed", stream.stringAttribute("llmcost.outcome"), stream.toString());
      Prices.GPT_4O_MINI.assertTokensAndCost(stream, 1900, 290);
      ReceivedSpan stopped = spans.stream()
          .filter(s -> "stream_closed_early".equals(s.stringAttribute("llmcost.outcome")))
          .findFirst().orElseThrow(() -> new AssertionError(spans.toString()));
      assertEquals(true, stopped.attribute("llmcost.usage.estimated"), stopped.toString());
      for (ReceivedSpan span : spans) {
        assertEquals(ReactorNettyH2App.class.getName() + ".main", span.stringAttribute("code.function.name"),
            span.toString());
      }
    }
  }

  private static JvmResult h2Run(OtlpReceiver otlp) {
    try (FakeProvider provider = FakeProvider.start(); Http2Front front = Http2Front.start(provider)) {
      AgentJvm jvm = AgentJvm.forMain(ReactorNettyH2App.class).withLibraries(LIBRARIES)
          .args(front.baseUrl(), front.certificatePem().toString()).timeout(RUN_LIMIT);
      if (otlp != null) {
        jvm = jvm.withAgent().exportingTo(otlp);
      }
      JvmResult result = jvm.run().assertSuccess();
      assertTrue(front.served().stream().allMatch(s -> s.protocol().equals("HTTP/2")), front.served().toString());
      return result;
    }
  }

  private static ReceivedSpan spanWithInputTokens(List<ReceivedSpan> spans, long input) {
    return spans.stream().filter(s -> Long.valueOf(input).equals(s.attribute("gen_ai.usage.input_tokens")))
        .findFirst().orElseThrow(() -> new AssertionError("no span with " + input + " input tokens: " + spans));
  }

  /**
   * With the OpenTelemetry Java agent loaded first, Netty's handler classes reach this agent with an
   * interface that agent added and defined without a class file: every call is still seen.
   */
  @Test
  @Timeout(120)
  void besideTheOpenTelemetryJavaAgentEveryCallIsStillSeen() {
    try (FakeProvider provider = FakeProvider.start(); OtlpReceiver otlp = OtlpReceiver.start()) {
      JvmResult result = AgentJvm.forMain(APP).withLibraries(LIBRARIES)
          .jvmArgs(OpenTelemetryJavaAgent.flag(), "-javaagent:" + AgentJvm.builtAgentJar())
          .exportingTo(otlp).env("OTEL_METRICS_EXPORTER", "none")
          .args(provider.baseUrl()).timeout(Duration.ofSeconds(90)).run().assertSuccess();
      assertFalse(result.stderr().contains("could not instrument"), result.stderr());
      List<ReceivedSpan> ours = otlp.awaitSpans(s -> s.hasAttribute("llmcost.outcome"), LLM_CALLS, SPAN_WAIT);
      assertEquals(LLM_CALLS, ours.size(), ours.toString());
    }
  }
}
