package dev.llmcost.it.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the JMH benchmarks of the {@code benchmarks} module (the agent's hot paths, on its unshaded
 * classes) in their own JVM with {@code -prof gc}, and reads back time and allocation per operation.
 */
final class JmhRun {
  /** One benchmark: nanoseconds and bytes allocated per operation, with JMH's error margin. */
  record Result(String name, double nanos, double nanosError, double bytes) {}

  private JmhRun() {}

  static List<Result> run(BenchPaths paths, String jmhArgs) throws IOException, InterruptedException {
    Path json = paths.outputDir().resolve("jmh.json");
    Path log = paths.outputDir().resolve("jmh.log");
    String classpath = paths.jmhClasses() + File.pathSeparator
        + Files.readString(paths.jmhClasspathFile()).trim();
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classpath, "org.openjdk.jmh.Main"));
    cmd.addAll(List.of(jmhArgs.trim().split("\\s+")));
    cmd.addAll(List.of("-prof", "gc", "-rf", "json", "-rff", json.toString()));
    Process jmh = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!jmh.waitFor(8, TimeUnit.MINUTES)) {
      jmh.destroyForcibly();
      throw new IllegalStateException("JMH did not finish in 8 minutes; see " + log);
    }
    if (jmh.exitValue() != 0) {
      throw new IllegalStateException("JMH failed (exit " + jmh.exitValue() + "); see " + log);
    }
    return read(json);
  }

  static List<Result> read(Path json) throws IOException {
    List<Result> results = new ArrayList<>();
    for (JsonNode b : new ObjectMapper().readTree(json.toFile())) {
      String name = b.path("benchmark").asText();
      name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
      JsonNode primary = b.path("primaryMetric");
      JsonNode alloc = b.path("secondaryMetrics").path("gc.alloc.rate.norm");
      results.add(new Result(name, primary.path("score").asDouble(),
          primary.path("scoreError").asDouble(Double.NaN),
          alloc.isMissingNode() ? Double.NaN : alloc.path("score").asDouble()));
    }
    return results;
  }
}
