package dev.llmcost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.fake.Exchange;
import dev.llmcost.fake.FakeProvider;
import dev.llmcost.it.apps.JdkGzipApp;
import dev.llmcost.it.apps.JdkHttp2App;
import dev.llmcost.it.harness.AgentJvm;
import dev.llmcost.it.harness.Http2Front;
import dev.llmcost.it.harness.Jdk;
import dev.llmcost.it.harness.OtlpReceiver;
import dev.llmcost.it.harness.ReceivedSpan;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JDK HttpClient over HTTP/2 (TLS with ALPN, through {@link Http2Front}): JSON and SSE, sync and
 * async, concurrent streams on one connection, flow control, and a stream the application resets;
 * and gzip-encoded answers, which the client hands over still compressed, over HTTP/1.1 and HTTP/2.
 */
class JdkHttp2IT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  // Bundled table, USD per million tokens.
  private static final double GPT_4O_MINI_IN = 0.15;
  private static final double GPT_4O_MINI_CACHED = 0.075;
  private static final double GPT_4O_MINI_OUT = 0.60;
  private static final double SONNET_45_IN = 3.0;
  private static final double SONNET_45_WRITE_5M = 3.75;
  private static final double SONNET_45_READ = 0.30;
  private static final double SONNET_45_OUT = 15.0;
  /** A 16 KiB stream window: the 200 KB stream then needs a window update per 16 KiB it delivers. */
  private static final String[] SMALL_WINDOWS = {
      "-Djdk.httpclient.windowsize=16384", "-Djdk.httpclient.connectionWindowSize=65535"};

  /** What the app asks the fake to bill, by input tokens: {output, cache read, cache write}. */
  private static final Map<Long, long[]> OPENAI = Map.of(
      1200L, new long[] {300, 1000, 0},
      1210L, new long[] {310, 0, 0},
      1250L, new long[] {350, 0, 0},
      1290L, new long[] {390, 0, 0},
      1240L, new long[] {340, 0, 0},
      1241L, new long[] {341, 0, 0},
      1242L, new long[] {342, 0, 0});
  private static final Map<Long, long[]> ANTHROPIC = Map.of(
      1220L, new long[] {320, 1000, 100},
      1230L, new long[] {330, 1000, 100});

  @ParameterizedTest
  @MethodSource("dev.llmcost.it.harness.Jdks#available")
  void http2CallsAreOneSpanEachWithTheBilledTokensAndCostAndTheAppSeesTheSameBytes(Jdk jdk)
      throws Exception {
    String without = run(jdk, null).stdout;
    try (OtlpReceiver otlp = OtlpReceiver.start()) {
      Run with = run(jdk, otlp);
      assertEquals(without, with.stdout, "the application's output must not change under the agent");
      List<String> calls = with.stdout.lines()
          .filter(l -> l.startsWith("### openai") || l.startsWith("### anthropic"))
          .collect(Collectors.toList());
      assertEquals(10, calls.size(), with.stdout);
      for (String line : calls) {
        assertTrue(line.contains(" 200 HTTP_2 "), "answered over HTTP/2: " + line);
      }
      assertTrue(with.stdout.contains("### sync client handed getBody to its executor: 0"),
          "the client trusts its own body subscribers under the agent as without it: " + with.stdout);

      List<ReceivedSpan> openAi = otlp.awaitSpans(s -> s.name().equals("chat gpt-4o-mini"), 8, WAIT);
      List<ReceivedSpan> anthropic =
          otlp.awaitSpans(s -> s.name().equals("chat claude-sonnet-4-5"), 2, WAIT);
      assertEquals(8, openAi.size());
      assertEquals(2, anthropic.size());

      Map<Long, ReceivedSpan> billed = new TreeMap<>();
      ReceivedSpan closedEarly = null;
      for (ReceivedSpan s : openAi) {
        if ("stream_closed_early".equals(s.stringAttribute("llmcost.outcome"))) {
          closedEarly = s;
        } else {
          billed.put(s.longAttribute("gen_ai.usage.input_tokens"), s);
        }
      }
      assertEquals(new TreeMap<>(OPENAI).keySet(), billed.keySet(), "one span per call: " + openAi);
      for (Map.Entry<Long, long[]> e : OPENAI.entrySet()) {
        ReceivedSpan s = billed.get(e.getKey());
        long in = e.getKey();
        long out = e.getValue()[0];
        long cacheRead = e.getValue()[1];
        assertBilled(s, out, cacheRead);
        assertEquals(usd(in - cacheRead, GPT_4O_MINI_IN) + usd(cacheRead, GPT_4O_MINI_CACHED)
            + usd(out, GPT_4O_MINI_OUT), s.doubleAttribute("llmcost.cost.usd"), 1e-12, s.toString());
        assertEquals(with.frontPort, s.longAttribute("server.port"));
      }
      assertTrue(closedEarly != null, "the reset stream is a span too: " + openAi);
      assertTrue(closedEarly.doubleAttribute("llmcost.waste.usd") > 0, closedEarly.toString());

      for (ReceivedSpan s : anthropic) {
        long in = s.longAttribute("gen_ai.usage.input_tokens");
        long[] expected = ANTHROPIC.get(in);
        assertTrue(expected != null, "unexpected input tokens: " + s);
        assertBilled(s, expected[0], expected[1]);
        assertEquals(expected[2], s.longAttribute("gen_ai.usage.cache_creation.input_tokens"));
        assertEquals(usd(in - expected[1] - expected[2], SONNET_45_IN) + usd(expected[1], SONNET_45_READ)
            + usd(expected[2], SONNET_45_WRITE_5M) + usd(expected[0], SONNET_45_OUT),
            s.doubleAttribute("llmcost.cost.usd"), 1e-12, s.toString());
      }
      assertFalse(otlp.receivedBytesContain("sk-secret-h2"), "no API key is exported");
      assertFalse(otlp.receivedBytesContain("sk-ant-secret-h2"), "no API key is exported");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.llmcost.it.harness.Jdks#available")
  void gzipAnswersReachTheAppStillCompressedAndTheSpanCarriesTheirTokens(Jdk jdk) throws Exception {
    String without = runGzip(jdk, null);
    try (OtlpReceiver otlp = OtlpReceiver.start()) {
      String with = runGzip(jdk, otlp);
      assertEquals(without, with, "the application gets the same gzip bytes under the agent");
      List<String> calls = with.lines().filter(l -> l.contains("-gzip-")).collect(Collectors.toList());
      assertEquals(6, calls.size(), with);
      for (String line : calls) {
        assertTrue(line.contains(" magic=1f8b ") && line.endsWith(" content-encoding=gzip"),
            "the app got the gzip stream itself: " + line);
        assertTrue(line.contains(line.startsWith("### h2-") ? " 200 HTTP_2 " : " 200 HTTP_1_1 "), line);
      }
      assertTrue(with.contains("### clients handed getBody to their executor: 0"), with);

      List<ReceivedSpan> spans = otlp.awaitSpans(s -> s.name().equals("chat gpt-4o-mini"), 6, WAIT);
      assertEquals(6, spans.size());
      Map<Long, Long> tokens = new TreeMap<>();
      for (ReceivedSpan s : spans) {
        long in = s.longAttribute("gen_ai.usage.input_tokens");
        long out = s.longAttribute("gen_ai.usage.output_tokens");
        tokens.put(in, out);
        assertBilled(s, out, 0);
        assertEquals(usd(in, GPT_4O_MINI_IN) + usd(out, GPT_4O_MINI_OUT),
            s.doubleAttribute("llmcost.cost.usd"), 1e-12, s.toString());
      }
      assertEquals(Map.of(2100L, 210L, 2110L, 220L, 2120L, 230L, 2200L, 220L, 2210L, 230L, 2220L, 240L),
          tokens, "the agent inflated every body and read the billed usage: " + spans);
    }
  }

  private static String runGzip(Jdk jdk, OtlpReceiver otlp) throws Exception {
    try (FakeProvider provider = FakeProvider.start(); Http2Front front = Http2Front.start(provider)) {
      AgentJvm jvm = AgentJvm.forMain(JdkGzipApp.class).on(jdk)
          .args(provider.baseUrl(), front.baseUrl(), front.certificatePem().toString()).timeout(WAIT);
      if (otlp != null) {
        jvm = jvm.withAgent().exportingTo(otlp);
      }
      String stdout = jvm.run().assertSuccess().stdout();
      assertEquals(List.of("HTTP/2", "HTTP/2", "HTTP/2"),
          front.served().stream().map(Http2Front.Served::protocol).collect(Collectors.toList()));
      assertTrue(front.failures().isEmpty(), front.failures().toString());
      return stdout;
    }
  }

  private static void assertBilled(ReceivedSpan s, long output, long cacheRead) {
    assertEquals("consumed", s.stringAttribute("llmcost.outcome"), s.toString());
    assertEquals(output, s.longAttribute("gen_ai.usage.output_tokens"), s.toString());
    if (cacheRead > 0) {
      assertEquals(cacheRead, s.longAttribute("gen_ai.usage.cache_read.input_tokens"), s.toString());
    } else {
      assertFalse(s.hasAttribute("gen_ai.usage.cache_read.input_tokens"), s.toString());
    }
    assertFalse((Boolean) s.attribute("llmcost.usage.estimated"), s.toString());
  }

  private record Run(String stdout, int frontPort) {}

  /**
   * Runs the app through a fresh front and provider; checks what they saw: every request came over
   * HTTP/2, the three concurrent streams shared one connection, the client reset the endless stream
   * (RST_STREAM CANCEL) and so left the provider, and the call after it came on the same connection
   * (a reset stream does not cost the connection).
   */
  private static Run run(Jdk jdk, OtlpReceiver otlp) throws Exception {
    try (FakeProvider provider = FakeProvider.start(); Http2Front front = Http2Front.start(provider)) {
      AgentJvm jvm = AgentJvm.forMain(JdkHttp2App.class).on(jdk).jvmArgs(SMALL_WINDOWS)
          .args(front.baseUrl(), front.certificatePem().toString()).timeout(WAIT);
      if (otlp != null) {
        jvm = jvm.withAgent().exportingTo(otlp);
      }
      String stdout = jvm.run().assertSuccess().stdout();
      List<Http2Front.Served> served = front.served();
      assertEquals(10, served.size(), served.toString());
      for (Http2Front.Served s : served) {
        assertEquals("HTTP/2", s.protocol(), served.toString());
      }
      int lines = indexOf(served, "input=1230");
      for (Http2Front.Served s : served) {
        if (s.behaviour().contains("chunk-delay=5ms")) {
          assertEquals(served.get(lines).connection(), s.connection(),
              "concurrent streams share the async client's connection: " + served);
        }
      }
      int endless = indexOf(served, "endless");
      assertEquals(served.get(endless).connection(), served.get(endless + 1).connection(),
          "the call after the reset stream reuses its connection: " + served);
      Exchange left = provider.awaitExchange(e -> e.request().header("x-fake-behaviour").startsWith("endless")
          && e.outcome() == Exchange.Outcome.CLIENT_DISCONNECTED, WAIT);
      assertTrue(left.eventsSent() >= 5, left.toString());
      assertEquals(List.of("CANCEL"), front.resets(), "the client reset the stream it closed, only it");
      assertTrue(front.failures().isEmpty(), front.failures().toString());
      return new Run(stdout, front.port());
    }
  }

  private static int indexOf(List<Http2Front.Served> served, String behaviourPrefix) {
    for (int i = 0; i < served.size(); i++) {
      if (served.get(i).behaviour().startsWith(behaviourPrefix)) {
        return i;
      }
    }
    throw new AssertionError("no request with behaviour " + behaviourPrefix + ": " + served);
  }

  private static double usd(long tokens, double perMillion) {
    return tokens * perMillion / 1_000_000;
  }
}
