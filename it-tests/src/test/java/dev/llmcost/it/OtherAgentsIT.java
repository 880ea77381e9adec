package dev.llmcost.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.fake.FakeProvider;
import dev.llmcost.it.apps.CallLoopApp;
import dev.llmcost.it.apps.JrtReadingAgent;
import dev.llmcost.it.harness.AgentJvm;
import dev.llmcost.it.harness.Jdk;
import dev.llmcost.it.harness.JvmResult;
import dev.llmcost.it.harness.OtlpReceiver;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Another agent started after this one, whose transformer reads JDK class files while classes
 * load (as the OpenTelemetry Java agent's does), must not break either agent: this agent loads
 * the JDK's {@code jrt:} URL classes in its premain, before the next agent's transformer exists.
 * The OpenTelemetry Java agent met this race about one start in fifteen (OpenTelemetryJavaAgentIT);
 * {@link JrtReadingAgent} meets it on every start.
 */
class OtherAgentsIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @ParameterizedTest
  @MethodSource("dev.llmcost.it.harness.Jdks#available")
  void anAgentAfterThisOneThatReadsJdkClassFilesBreaksNeither(Jdk jdk, @TempDir Path dir)
      throws Exception {
    Path other = agentJar(dir, JrtReadingAgent.class);
    try (FakeProvider provider = FakeProvider.start(); OtlpReceiver otlp = OtlpReceiver.start()) {
      JvmResult result = AgentJvm.forMain(CallLoopApp.class).on(jdk)
          .jvmArgs("-javaagent:" + AgentJvm.builtAgentJar(), "-javaagent:" + other)
          .exportingTo(otlp).args(provider.baseUrl(), "3").timeout(WAIT).run().assertSuccess();
      assertTrue(result.stdout().contains("### jrt-reading agent installed"), result.describe());
      assertFalse(result.stderr().contains("ClassCircularityError"), result.describe());
      otlp.awaitSpans(s -> s.hasAttribute("llmcost.cost.usd"), 3, WAIT);
    }
  }

  /** A jar holding one class, with that class as its {@code Premain-Class}. */
  private static Path agentJar(Path dir, Class<?> premainClass) throws Exception {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Premain-Class", premainClass.getName());
    Path jar = dir.resolve("other-agent.jar");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest)) {
      String prefix = premainClass.getName().replace('.', '/');
      Path classes = Path.of(premainClass.getProtectionDomain().getCodeSource().getLocation().toURI());
      try (var files = Files.list(classes.resolve(prefix).getParent())) {
        for (Path f : (Iterable<Path>) files::iterator) {
          String name = classes.relativize(f).toString().replace('\\', '/');
          if (name.equals(prefix + ".class") || name.startsWith(prefix + "$")) {
            out.putNextEntry(new JarEntry(name));
            try (InputStream in = Files.newInputStream(f)) {
              in.transferTo(out);
            }
            out.closeEntry();
          }
        }
      }
    }
    return jar;
  }
}
