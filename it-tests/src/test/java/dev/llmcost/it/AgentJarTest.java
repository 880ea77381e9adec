package dev.llmcost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.it.harness.AgentJvm;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The shaded jar as the JVM reads it: every class under the agent's own packages (nothing that
 * could shadow the application's libraries), and the dependencies' versioned classes moved with
 * their packages, so the JDK finds them where the relocated code looks.
 */
class AgentJarTest {
  private static final String SHADED = "dev.llmcost.shaded.";
  private final Path jar = AgentJvm.builtAgentJar();

  @Test
  void everyClassIsInTheAgentsPackagesVersionedOnesToo() throws Exception {
    try (JarFile file = new JarFile(jar.toFile())) {
      List<String> outside = file.stream().map(JarEntry::getName)
          .filter(name -> name.endsWith(".class"))
          .map(name -> name.replaceFirst("^META-INF/versions/\\d+/", ""))
          .filter(name -> !name.startsWith("dev/llmcost/"))
          .collect(Collectors.toList());
      assertEquals(List.of(), outside);
    }
  }

  @Test
  void theExportersVersionedStringEncoderIsFoundOnThisJdk() throws Exception {
    String encoder = SHADED + "otel.exporter.internal.marshal.VarHandleStringEncoder";
    try (JarFile file = new JarFile(jar.toFile(), true, ZipFile.OPEN_READ, Runtime.version())) {
      assertTrue(file.isMultiRelease(), "the manifest says Multi-Release");
      JarEntry entry = file.getJarEntry(encoder.replace('.', '/') + ".class");
      assertTrue(entry != null && entry.getRealName().startsWith("META-INF/versions/9/"),
          "versioned entry " + (entry == null ? null : entry.getRealName()));
    }
    // Loaded the way the exporter loads it (Class.forName by its relocated name), from the jar
    // alone: it links against the relocated base classes beside it.
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
        ClassLoader.getPlatformClassLoader())) {
      Class<?> type = Class.forName(encoder, false, loader);
      assertEquals(SHADED + "otel.exporter.internal.marshal.AbstractStringEncoder",
          type.getSuperclass().getName());
    }
  }
}
