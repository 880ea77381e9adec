package dev.llmcost.it.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report has a row, with figures, for every measure and target (the benchmark itself runs with -Pbench). */
class OverheadReportTest {
  private static final List<String> METRICS = List.of("startup_main_ms", "startup_first_call_ms",
      "startup_classes", "json_us", "json_cpu_us", "sse_cpu_us", "sse_first_us", "sse_last_us",
      "rest_post_us", "rest_get_us",
      "async_rps", "async_latency_rps", "heap_mb", "metaspace_mb", "classes", "exported_kb",
      "warmup_s", "jit_ms", "json_on_us", "json_paused_us", "json_on_cpu_us", "json_paused_cpu_us",
      "sse_on_first_us", "sse_paused_first_us", "sse_on_last_us", "sse_paused_last_us",
      "sse_on_cpu_us", "sse_paused_cpu_us");

  @Test
  void everyMeasureHasARowWithItsFiguresAndTarget(@TempDir Path dir) throws Exception {
    Samples samples = new Samples();
    for (String metric : METRICS) {
      for (int round = 0; round < 3; round++) {
        samples.add(metric, AgentSetup.NONE, 100 + round);
        samples.add(metric, AgentSetup.LLM_COST, 110 + round);
        samples.add(metric, AgentSetup.OTEL, 150 + round);
      }
    }
    Path agent = Files.write(dir.resolve("agent.jar"), new byte[1000]);
    Path otel = Files.write(dir.resolve("otel.jar"), new byte[2000]);
    BenchPaths paths = new BenchPaths(agent, otel, dir, dir, dir);
    BenchSettings settings = new BenchSettings(3, 1, 2, 3, 2, 10, 10, 1, 64, 20, false, "");
    List<JmhRun.Result> jmh = List.of(new JmhRun.Result("RequestPathBenchmark.hookNonLlmGet", 5, 1, 0));

    String table = new OverheadReport(samples, settings, paths, jmh).render();

    for (String row : List.of("launch to main", "first LLM call answered", "LLM call, JSON",
        "LLM call, JSON, in one JVM", "to last chunk, in one JVM", "first chunk, in one JVM",
        "CPU per LLM call, JSON, in one JVM",
        "to last chunk", "time to first chunk", "REST POST", "REST GET", "concurrent async",
        "provider answering in", "CPU per LLM call, JSON", "CPU per LLM call, SSE",
        "heap after full GC", "metaspace", "classes loaded by the first", "classes loaded at steady",
        "agent jar", "hot path", "warm-up until the JIT", "JIT compiling during a round")) {
      assertTrue(table.contains(row), row + " missing:\n" + table);
    }
    for (String target : List.of("< 25% of OTel's", "< 50 µs", "< 1 ms", "< 1 µs", "within 2%", "< 10 MB")) {
      assertTrue(table.contains(target), target + " missing:\n" + table);
    }
    assertFalse(table.contains("NaN"), table);
    // Per-call targets: judged on tracking on against paused in one JVM (here 110 - 110: met).
    assertTrue(table.lines().anyMatch(l -> l.startsWith("| LLM call, JSON, in one JVM")
        && l.contains("+0.0 (+0.0 … +0.0)") && l.endsWith("| met |")), table);
    // The 1 µs target of non-LLM calls is judged on JMH, never on process-level noise.
    assertTrue(table.lines().anyMatch(l -> l.startsWith("| REST GET") && l.contains("met: JMH: 5 ns")), table);
    assertTrue(table.lines().anyMatch(l -> l.startsWith("| REST POST") && l.contains("not judged without JMH")), table);
  }
}
