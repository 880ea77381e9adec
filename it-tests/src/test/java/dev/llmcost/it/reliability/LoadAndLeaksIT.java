package dev.llmcost.it.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.fake.FakeProvider;
import dev.llmcost.it.apps.ConcurrentCallsApp;
import dev.llmcost.it.apps.HeapAndThreadsApp;
import dev.llmcost.it.apps.RedeployingServerApp;
import dev.llmcost.it.harness.AgentJvm;
import dev.llmcost.it.harness.JvmResult;
import dev.llmcost.it.harness.OtlpReceiver;
import dev.llmcost.it.harness.ReceivedSpan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many calls at once, many calls over time, and an application redeployed again and again: every
 * call tracked once, nothing retained. CI sizes keep each test well under a minute;
 * {@code -Dllmcost.it.load.full=true} runs the full sizes (a million plain HTTP calls and a
 * hundred thousand LLM calls).
 */
class LoadAndLeaksIT {
  private static final boolean FULL = Boolean.getBoolean("llmcost.it.load.full");
  private static final int CONCURRENT = 10_000;
  /** On the wire at once: each HTTP/1.1 call is a connection, and the fake's accept queue is finite. */
  private static final int CONCURRENCY = 1_000;
  private static final long NON_LLM = FULL ? 1_000_000 : 10_000;
  private static final long LLM = FULL ? 100_000 : 3_000;
  private static final int REDEPLOYS = 5;
  private static final Duration WAIT = Duration.ofSeconds(FULL ? 1800 : 100);

  @TempDir
  Path dir;

  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void tenThousandConcurrentCallsGiveTenThousandSpansAndLeaveNothingInFlight() throws Exception {
    Path report = dir.resolve("report.json");
    try (FakeProvider provider = FakeProvider.start(); OtlpReceiver otlp = OtlpReceiver.start()) {
      JvmResult result = AgentJvm.forMain(ConcurrentCallsApp.class).withAgent().exportingTo(otlp)
          .env("OTEL_BSP_MAX_QUEUE_SIZE", Integer.toString(2 * CONCURRENT)) // keep every span for the count
          .env("OTEL_METRICS_EXPORTER", "none")
          .systemProperty("llmcost.report.file", report.toString())
          // A JDK HttpClient race, with or without an agent: a pooled connection reused as the
          // answer arrives may be closed ("Data received while in pool") and the POST fail with
          // "header parser received no bytes". The JDK retries it when allowed to retry POSTs.
          .systemProperty("jdk.httpclient.enableAllMethodRetry", "true")
          .args(provider.baseUrl(), Integer.toString(CONCURRENT), Integer.toString(CONCURRENCY))
          .timeout(WAIT).run().assertSuccess();
      assertTrue(result.stdout().contains("ok=" + CONCURRENT + " distinct_ids=" + CONCURRENT
          + " peak_in_flight=" + CONCURRENCY), result.describe());
      assertTrue(result.stdout().contains("in_flight=0"), "the in-flight registry is empty: " + result.stdout());
      assertTrue(Files.readString(report).startsWith("{\"total\":{\"calls\":" + CONCURRENT + ","),
          "the run report counts each call once: " + Files.readString(report).substring(0, 80));

      List<ReceivedSpan> spans = otlp.awaitSpans(s -> s.hasAttribute("llmcost.outcome"), CONCURRENT, WAIT);
      Set<String> spanIds = new HashSet<>();
      Set<String> responseIds = new HashSet<>();
      for (ReceivedSpan s : spans) {
        spanIds.add(s.spanId());
        responseIds.add(s.stringAttribute("gen_ai.response.id"));
      }
      assertEquals(CONCURRENT, spans.size(), "one span per call");
      assertEquals(CONCURRENT, responseIds.size(), "no call counted twice, none lost");
      assertEquals(CONCURRENT, spanIds.size());
      System.out.printf("LoadAndLeaksIT: %d sendAsync calls (%d at once), %d spans, %d distinct responses, "
          + "in flight after: 0, peak concurrent requests at the provider: %d%n",
          CONCURRENT, CONCURRENCY, spans.size(), responseIds.size(), provider.maxConcurrentRequests());
    }
  }

  @Test
  @Timeout(value = 1800, unit = TimeUnit.SECONDS) // full sizes on demand; CI sizes take ~30 s
  void manyCallsLeaveTheHeapAndTheThreadCountWhereTheyWere() throws Exception {
    try (FakeProvider provider = FakeProvider.start()) {
      JvmResult result = AgentJvm.forMain(HeapAndThreadsApp.class).withAgent()
          .env("OTEL_TRACES_EXPORTER", "none").env("OTEL_METRICS_EXPORTER", "none")
          .args(provider.baseUrl(), Long.toString(NON_LLM), Long.toString(LLM))
          .timeout(WAIT).run().assertSuccess();
      Map<String, Long> f = figures(result.stdout());
      assertEquals(LLM, f.get("llm_ok"), result.describe());
      assertEquals(NON_LLM, f.get("non_llm_done"), result.describe());
      long grownKb = f.get("heap_after_kb") - f.get("heap_before_kb");
      // Bounded structures may fill up (duplicate fingerprints: at most 10,000; per-site
      // statistics); anything retained per call would be far above this after thousands of calls.
      assertTrue(grownKb < 4 * 1024, "the heap grew by " + grownKb + " KB: " + f);
      // The JDK HttpClient's own cached pool may grow under a loaded machine; a thread per call
      // (or per hundred calls) would be far above this after thousands of calls.
      assertTrue(f.get("threads_after") <= f.get("threads_before") + 10, "threads grew: " + f);
      System.out.printf("LoadAndLeaksIT: %d non-LLM + %d LLM calls: heap after full GC %d KB -> %d KB, "
          + "threads %d -> %d%n", NON_LLM, LLM, f.get("heap_before_kb"), f.get("heap_after_kb"),
          f.get("threads_before"), f.get("threads_after"));
    }
  }

  @Test
  void aRedeployedApplicationsClassLoaderIsCollectable() throws Exception {
    // Spans and metrics both exported: calls settle on the web app's threads, and the agent's
    // telemetry once pinned the first loader it saw there as a context class loader.
    assertEquals(REDEPLOYS, loadersCollected(Map.of()));
    assertEquals(REDEPLOYS, loadersCollected(Map.of("OTEL_METRICS_EXPORTER", "none")));
  }

  /** Deploys and undeploys the web app {@link #REDEPLOYS} times; returns how many loaders were collected. */
  private static int loadersCollected(Map<String, String> env) throws Exception {
    List<Path> jars = AgentJvm.forMain(LoadAndLeaksIT.class)
        .withLibraries("httpclient5-", "httpcore5-", "slf4j-api-").classpath();
    List<String> args = new ArrayList<>();
    try (FakeProvider provider = FakeProvider.start(); OtlpReceiver otlp = OtlpReceiver.start()) {
      args.add(provider.baseUrl());
      args.add(Integer.toString(REDEPLOYS));
      jars.subList(1, jars.size()).forEach(j -> args.add(j.toString()));
      JvmResult result = AgentJvm.forMain(RedeployingServerApp.class).withAgent().exportingTo(otlp).env(env)
          .args(args.toArray(new String[0])).timeout(WAIT).run().assertSuccess();
      int calls = 5 * REDEPLOYS;
      Matcher m = Pattern.compile("calls_ok=(\\d+) loaders_collected=(\\d+) of").matcher(result.stdout());
      assertTrue(m.find(), result.describe());
      assertEquals(calls, Integer.parseInt(m.group(1)), result.describe());
      otlp.awaitSpans(s -> s.hasAttribute("llmcost.outcome"), calls, WAIT);
      int collected = Integer.parseInt(m.group(2));
      System.out.printf("LoadAndLeaksIT: %d deployments (JDK HttpClient and Apache HttpClient 5 calls, %s): "
          + "%d class loaders collected%n", REDEPLOYS, env, collected);
      return collected;
    }
  }

  private static Map<String, Long> figures(String stdout) {
    Map<String, Long> f = new TreeMap<>();
    Matcher m = Pattern.compile("(\\w+)=(\\d+)").matcher(stdout);
    while (m.find()) {
      f.put(m.group(1), Long.parseLong(m.group(2)));
    }
    return f;
  }
}
