package dev.llmcost.it.transports;

import dev.llmcost.it.harness.AgentJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
    jars().forEach(jvm::classpathEntry);
    return jvm;
  }

  /** Passes this release's jars as arguments, for an app that loads them itself. */
  AgentJvm passTo(AgentJvm jvm) {
    return jvm.args(jars().stream().map(Path::toString).toArray(String[]::new));
  }

  private List<Path> jars() {
    List<Path> jars = new ArrayList<>();
    if (this.equals(CURRENT)) {
      // the test class path's copies, found by name through the harness
      List<Path> found = AgentJvm.forMain(HttpClient5.class).withLibraries("httpclient5-" + version, "httpcore5-").classpath();
      jars.addAll(found.subList(1, found.size()));
    } else {
      Path dir = Path.of("target/libs/httpclient5-" + version);
      try (Stream<Path> files = Files.list(dir)) {
        files.sorted().forEach(jars::add);
      } catch (IOException e) {
        throw new UncheckedIOException("run the build first: " + dir + " is made by maven-dependency-plugin", e);
      }
    }
    List<Path> slf4j = AgentJvm.forMain(HttpClient5.class).withLibraries("slf4j-api-").classpath();
    jars.addAll(slf4j.subList(1, slf4j.size()));
    return jars;
  }

  @Override
  public String toString() {
    return "httpclient5 " + version;
  }
}
