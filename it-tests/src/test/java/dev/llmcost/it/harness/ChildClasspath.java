package dev.llmcost.it.harness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Builds a child JVM's class path from explicit parts, never from the test JVM's whole class path:
 * the child must see what a real application sees, its own classes and the libraries it ships, and
 * never the agent (which arrives only through {@code -javaagent}).
 */
final class ChildClasspath {

  /** Packages that belong to the agent; none may be visible on an application class path. */
  private static final List<String> AGENT_PACKAGES = List.of("dev/llmcost/agent/", "dev/llmcost/bootstrap/");

  private ChildClasspath() {
  }

  /** The directory or jar a class was loaded from. */
  static Path locationOf(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      throw new IllegalArgumentException(type + " comes from the JDK, not from a class path entry");
    }
    try {
      return Path.of(source.getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /**
   * The test JVM's class path entries. Surefire may hide them behind a manifest-only jar, so its
   * {@code surefire.test.class.path} and a jar's {@code Class-Path} are read too.
   */
  static List<Path> testClasspath() {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Set<Path> entries = new LinkedHashSet<>();
    for (String e : cp.split(File.pathSeparator)) {
      if (!e.isBlank()) {
        Path p = Path.of(e);
        entries.add(p);
        entries.addAll(manifestClassPath(p));
      }
    }
    return List.copyOf(entries);
  }

  /** Jars from the test class path whose file name starts with any prefix, e.g. {@code "jackson-"}. */
  static List<Path> jarsNamed(String... fileNamePrefixes) {
    List<Path> found = new ArrayList<>();
    for (String prefix : fileNamePrefixes) {
      List<Path> matches = testClasspath().stream()
          .filter(p -> p.getFileName().toString().startsWith(prefix) && p.toString().endsWith(".jar"))
          .toList();
      if (matches.isEmpty()) {
        throw new IllegalArgumentException("no jar named " + prefix + "* on the test class path");
      }
      found.addAll(matches);
    }
    return found;
  }

  /** Fails if any entry holds agent or bootstrap classes. */
  static void requireNoAgentClasses(List<Path> entries) {
    for (Path entry : entries) {
      for (String pkg : AGENT_PACKAGES) {
        if (contains(entry, pkg)) {
          throw new IllegalStateException("child class path entry " + entry + " holds " + pkg
              + " classes: the agent must reach the child only through -javaagent");
        }
      }
    }
  }

  private static boolean contains(Path entry, String pkg) {
    if (Files.isDirectory(entry)) {
      return Files.isDirectory(entry.resolve(pkg));
    }
    if (!Files.isRegularFile(entry)) {
      return false;
    }
    try (JarFile jar = new JarFile(entry.toFile())) {
      return jar.stream().anyMatch(e -> e.getName().startsWith(pkg));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + entry, e);
    }
  }

  private static List<Path> manifestClassPath(Path jar) {
    if (!jar.toString().endsWith(".jar") || !Files.isRegularFile(jar)) {
      return List.of();
    }
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      String cp = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
      if (cp == null) {
        return List.of();
      }
      List<Path> out = new ArrayList<>();
      for (String url : cp.trim().split("\\s+")) {
        try {
          out.add(Path.of(jar.toUri().resolve(url)));
        } catch (RuntimeException ignored) {
          // not a file URL; skip
        }
      }
      return out;
    } catch (IOException e) {
      return List.of();
    }
  }

  static String join(List<Path> entries) {
    return String.join(File.pathSeparator, entries.stream().map(Path::toString).toList());
  }
}
