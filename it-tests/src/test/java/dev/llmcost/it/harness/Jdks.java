package dev.llmcost.it.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The JDKs integration tests run child JVMs on: the one running the tests (JDK 17, the project's
 * baseline) and the newest JDK installed under {@code /usr/lib/jvm} (or {@code -Dllmcost.it.jdkRoot}),
 * if it is newer. Use with {@code @MethodSource("dev.llmcost.it.harness.Jdks#available")}.
 */
public final class Jdks {

  private static final String ROOT_PROPERTY = "llmcost.it.jdkRoot";
  private static volatile List<Jdk> available;

  private Jdks() {
  }

  /** The JDK running this test JVM. */
  public static Jdk current() {
    Path home = Path.of(System.getProperty("java.home"));
    return new Jdk(home, Runtime.version().feature(), Runtime.version().toString());
  }

  /** The current JDK, then the newest installed one if newer; computed once. */
  public static List<Jdk> available() {
    List<Jdk> result = available;
    if (result == null) {
      List<Jdk> list = new ArrayList<>();
      Jdk current = current();
      list.add(current);
      newestInstalled().filter(j -> j.featureVersion() > current.featureVersion()).ifPresent(list::add);
      result = List.copyOf(list);
      available = result;
    }
    return result;
  }

  /** The newest JDK under the root, by feature version, read from each home's {@code release} file. */
  public static Optional<Jdk> newestInstalled() {
    Path root = Path.of(System.getProperty(ROOT_PROPERTY, "/usr/lib/jvm"));
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> homes = Files.list(root)) {
      return homes.map(Jdks::describe)
          .flatMap(Optional::stream)
          .max(Comparator.comparingInt(Jdk::featureVersion));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Optional<Jdk> describe(Path home) {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin/java"))) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (var in = Files.newInputStream(release)) {
      p.load(in);
      String version = p.getProperty("JAVA_VERSION", "").replace("\"", "").trim();
      if (version.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new Jdk(home.toRealPath(), feature(version), version));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** {@code 25.0.1} to 25, {@code 17} to 17, {@code 1.8.0_452} to 8. */
  static int feature(String version) {
    String[] parts = version.split("[._+-]");
    int first = Integer.parseInt(parts[0]);
    return first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first;
  }
}
