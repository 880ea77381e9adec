package dev.llmcost.it.transports;

import dev.llmcost.it.harness.AgentJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A release of Apache HttpClient 5 a child app runs on: the one the tests compile against (from the
 * test class path) and an older, widely deployed one (copied beside by the build).
 */
record HttpClient5(String version) {
  static final HttpClient5 CURRENT = new HttpClient5("5.6.5");
  static final HttpClient5 OLDER = new HttpClient5("5.2.3");

  static List<HttpClient5> all() {
    return List.of(CURRENT, OLDER);
  }

  /** Puts this release (and slf4j-api, which it needs) on the child's class path. */
  AgentJvm addTo(AgentJvm jvm) {
    jvm.withLibraries("slf4j-api-");
    if (this.equals(CURRENT)) {
      return jvm.withLibraries("httpclient5-" + version, "httpcore5-");
    }
    Path dir = Path.of("target/libs/httpclient5-" + version);
    try (Stream<Path> jars = Files.list(dir)) {
      jars.sorted().forEach(jvm::classpathEntry);
    } catch (IOException e) {
      throw new UncheckedIOException("run the build first: " + dir + " is made by maven-dependency-plugin", e);
    }
    return jvm;
  }

  @Override
  public String toString() {
    return "httpclient5 " + version;
  }
}
