package dev.llmcost.it.bench;

import dev.llmcost.it.harness.AgentJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the built artefacts are; the it-tests pom's bench profile passes them as properties. */
record BenchPaths(Path agentJar, Path otelAgentJar, Path jmhClasses, Path jmhClasspathFile, Path outputDir) {

  static BenchPaths fromSystemProperties() throws IOException {
    Path out = Path.of(System.getProperty("llmcost.bench.outputDir", "target/bench"));
    Files.createDirectories(out);
    return new BenchPaths(AgentJvm.builtAgentJar(),
        required("llmcost.bench.otelAgentJar"),
        Path.of(System.getProperty("llmcost.bench.jmhClasses", "../benchmarks/target/classes")),
        Path.of(System.getProperty("llmcost.bench.jmhClasspath", "../benchmarks/target/jmh-classpath.txt")),
        out);
  }

  private static Path required(String property) {
    String value = System.getProperty(property);
    if (value == null || !Files.isRegularFile(Path.of(value))) {
      throw new IllegalStateException("-D" + property + " must name a file (got " + value
          + "); run the benchmark with: mvn -B -ntp -Pbench verify");
    }
    return Path.of(value);
  }
}
