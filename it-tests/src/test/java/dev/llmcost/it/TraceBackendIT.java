package dev.llmcost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.examples.Demo;
import dev.llmcost.fake.FakeProvider;
import dev.llmcost.it.harness.AgentJvm;
import dev.llmcost.it.harness.JvmResult;
import dev.llmcost.it.harness.ZipkinApi;
import dev.llmcost.it.harness.ZipkinServer;
import dev.llmcost.it.harness.ZipkinSpan;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The agent's spans in a real trace backend: the README's demo exports with
 * {@code OTEL_TRACES_EXPORTER=zipkin} to the unmodified Zipkin server, and the test finds the LLM
 * calls, their cost and their outcome through Zipkin's own query API, the way its UI does.
 * (Jaeger, Tempo and the OpenTelemetry Collector are Go programs no registry we build from ships;
 * the OTLP export itself is proven against {@code OtlpReceiver} in the other tests.)
 */
class TraceBackendIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  // Bundled table, USD per million tokens.
  private static final double GPT_4O_IN = 2.50;
  private static final double GPT_4O_OUT = 10.00;
  private static final double GPT_4O_MINI_IN = 0.15;
  private static final double GPT_4O_MINI_OUT = 0.60;
  private static final double HAIKU_45_IN = 1.0;
  private static final double HAIKU_45_WRITE_5M = 1.25;
  private static final double HAIKU_45_READ = 0.10;
  private static final double HAIKU_45_OUT = 5.0;
  /** What the demo's fake provider bills for each plain OpenAI call. */
  private static final long DEMO_IN = 1200;
  private static final long DEMO_OUT = 180;
  private static final Pattern REPORT =
      Pattern.compile("LLM cost report: (\\d+) calls, \\$([0-9.]+) spent, \\$([0-9.]+) wasted");

  private static ZipkinServer zipkin;

  @BeforeAll
  @Timeout(value = 500, unit = TimeUnit.SECONDS) // ZipkinServer bounds each of its (up to 3) starts to 150 s
  static void startZipkin() {
    zipkin = ZipkinServer.start();
  }

  @AfterAll
  static void stopZipkin() {
    if (zipkin != null) {
      zipkin.close();
    }
  }

  @Test
  void theDemoTourIsInZipkinWithEachCallsTokensCostAndOutcome() {
    String service = uniqueServiceName("demo");
    JvmResult result = runDemo(service);
    ZipkinApi api = zipkin.api();

    List<ZipkinSpan> spans = api.awaitSpans(service, null, 14, WAIT);
    assertEquals(14, spans.size(), spans::toString);
    assertTrue(api.serviceNames().contains(service), api.serviceNames()::toString);
    assertEquals(Map.of("chat gpt-4o", 9L, "chat claude-haiku-4-5", 4L, "chat gpt-4o-mini", 1L),
        countBy(spans, ZipkinSpan::name));
    for (ZipkinSpan s : spans) {
      assertEquals("CLIENT", s.kind(), s::toString);
      assertEquals(service, s.serviceName());
      assertNull(s.parentId(), "each call is a trace of its own: " + s);
      assertTrue(s.hasTag("gen_ai.usage.output_tokens") && s.hasTag("llmcost.pricing.source"), s::toString);
      assertEquals(expectedCost(s), s.doubleTag("llmcost.cost.usd"), 1e-12, s::toString);
    }
    assertEquals(Map.of("consumed", 8L, "abandoned", 5L, "stream_closed_early", 1L),
        countBy(spans, s -> s.tag("llmcost.outcome")));

    ZipkinSpan mini = only(spans, s -> s.name().equals("chat gpt-4o-mini"));
    assertEquals(DEMO_IN, mini.longTag("gen_ai.usage.input_tokens"));
    assertEquals(0.000288, mini.doubleTag("llmcost.cost.usd"), 1e-12);
    assertEquals("consumed", mini.tag("llmcost.outcome"));
    assertFalse(mini.hasTag("llmcost.waste.usd"), "a consumed call wastes nothing: " + mini);

    for (ZipkinSpan s : spans) {
      if (!s.tag("llmcost.outcome").equals("consumed")) {
        assertEquals(s.doubleTag("llmcost.cost.usd"), s.doubleTag("llmcost.waste.usd"), 1e-12,
            "an abandoned call, or a stream closed early, wastes what it cost: " + s);
      }
    }
    ZipkinSpan closedEarly = only(spans, s -> s.tag("llmcost.outcome").equals("stream_closed_early"));
    assertEquals("true", closedEarly.tag("llmcost.usage.estimated"));

    // The backend adds up to the money the agent's own report names at exit.
    Matcher report = REPORT.matcher(result.stderr());
    assertTrue(report.find(), result.stderr());
    assertEquals("14", report.group(1));
    assertEquals(Double.parseDouble(report.group(2)), sum(spans, "llmcost.cost.usd"), 1e-6);
    assertEquals(Double.parseDouble(report.group(3)), sum(spans, "llmcost.waste.usd"), 1e-6);
  }

  @Test
  void zipkinsTagSearchFindsTheAbandonedCallsAndWhatTheyWasted() {
    String service = uniqueServiceName("upfront");
    JvmResult result = runDemo(service, "upfront-firing");
    ZipkinApi api = zipkin.api();
    api.awaitSpans(service, null, 6, WAIT);

    List<ZipkinSpan> abandoned = api.spans(service, "llmcost.outcome=abandoned");
    assertEquals(5, abandoned.size(), abandoned::toString);
    for (ZipkinSpan s : abandoned) {
      assertEquals("chat gpt-4o", s.name());
      assertEquals(DEMO_IN, s.longTag("gen_ai.usage.input_tokens"));
      assertEquals(DEMO_OUT, s.longTag("gen_ai.usage.output_tokens"));
      assertEquals(0.0048, s.doubleTag("llmcost.cost.usd"), 1e-12);
      assertEquals(0.0048, s.doubleTag("llmcost.waste.usd"), 1e-12);
      assertTrue(s.tag("code.stacktrace").contains("UpfrontFiringExample.validate"),
          "the span names the code that fired the call: " + s);
    }
    assertTrue(result.stderr().contains("$0.024000 wasted so far"), result.stderr());
    assertEquals(0.024, sum(abandoned, "llmcost.waste.usd"), 1e-12);

    assertEquals(5, api.spans(service, "llmcost.waste.usd").size(), "a bare key finds every wasting call");
    assertEquals(5, api.spans(service, "llmcost.outcome=abandoned and gen_ai.request.model=gpt-4o").size());
    assertEquals(1, api.spans(service, "llmcost.outcome=consumed").size());
    assertEquals(0, api.spans(service, "llmcost.outcome=cancelled").size());
  }

  /** The README's demo under the agent, exporting to Zipkin as the README says. */
  private static JvmResult runDemo(String service, String... examples) {
    return AgentJvm.forMain(Demo.class).withAgent()
        .withLibraryOf(FakeProvider.class).withLibraries("jackson-")
        .env(zipkin.exporterEnvironment(service))
        .args(examples).timeout(WAIT).run().assertSuccess();
  }

  /** Tokens times the bundled price, from the span's own token tags. */
  private static double expectedCost(ZipkinSpan s) {
    long in = s.longTag("gen_ai.usage.input_tokens");
    long out = s.longTag("gen_ai.usage.output_tokens");
    switch (s.name()) {
      case "chat gpt-4o":
        return usd(in, GPT_4O_IN) + usd(out, GPT_4O_OUT);
      case "chat gpt-4o-mini":
        return usd(in, GPT_4O_MINI_IN) + usd(out, GPT_4O_MINI_OUT);
      case "chat claude-haiku-4-5":
        long read = s.hasTag("gen_ai.usage.cache_read.input_tokens")
            ? s.longTag("gen_ai.usage.cache_read.input_tokens") : 0;
        long write = s.hasTag("gen_ai.usage.cache_creation.input_tokens")
            ? s.longTag("gen_ai.usage.cache_creation.input_tokens") : 0;
        return usd(in - read - write, HAIKU_45_IN) + usd(read, HAIKU_45_READ)
            + usd(write, HAIKU_45_WRITE_5M) + usd(out, HAIKU_45_OUT);
      default:
        throw new AssertionError("not a call of the demo: " + s);
    }
  }

  private static double usd(long tokens, double perMillion) {
    return tokens * perMillion / 1_000_000;
  }

  private static double sum(List<ZipkinSpan> spans, String tag) {
    return spans.stream().filter(s -> s.hasTag(tag)).mapToDouble(s -> s.doubleTag(tag)).sum();
  }

  private static Map<String, Long> countBy(List<ZipkinSpan> spans,
      Function<ZipkinSpan, String> key) {
    return spans.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
  }

  private static ZipkinSpan only(List<ZipkinSpan> spans, Predicate<ZipkinSpan> p) {
    List<ZipkinSpan> matching = spans.stream().filter(p).collect(Collectors.toList());
    assertEquals(1, matching.size(), matching::toString);
    return matching.get(0);
  }

  /** Lower case, as Zipkin stores service names; unique, so runs never see each other's spans. */
  private static String uniqueServiceName(String what) {
    return "llmcost-it-" + what + "-" + Long.toHexString(System.nanoTime());
  }
}
