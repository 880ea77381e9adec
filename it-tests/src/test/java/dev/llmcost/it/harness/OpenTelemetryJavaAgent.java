package dev.llmcost.it.harness;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real OpenTelemetry Java agent jar, which the it-tests pom copies from Maven Central. */
public final class OpenTelemetryJavaAgent {
  private OpenTelemetryJavaAgent() {}

  /** {@code -javaagent:} flag for it; fails clearly when the build did not copy it. */
  public static String flag() {
    Path jar = Path.of(System.getProperty("llmcost.it.otel.javaagent", "missing"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("the OpenTelemetry Java agent jar is missing at " + jar
          + ": run the it-tests module's build (generate-test-resources copies it)");
    }
    return "-javaagent:" + jar;
  }
}
