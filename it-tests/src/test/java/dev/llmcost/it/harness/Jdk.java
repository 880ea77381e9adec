package dev.llmcost.it.harness;

import java.nio.file.Path;

/** An installed JDK a child JVM can run on. */
public record Jdk(Path home, int featureVersion, String version) {

  public Path javaExecutable() {
    return home.resolve("bin").resolve("java");
  }

  /** Short, for parameterised test names: {@code JDK 25 (25.0.1)}. */
  @Override
  public String toString() {
    return "JDK " + featureVersion + " (" + version + ")";
  }
}
