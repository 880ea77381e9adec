package dev.llmcost.it.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.fake.FakeProvider;
import dev.llmcost.it.apps.LibraryConflictsApp;
import dev.llmcost.it.harness.AgentJvm;
import dev.llmcost.it.harness.JvmResult;
import dev.llmcost.it.harness.OtlpReceiver;
import dev.llmcost.it.harness.ReceivedSpan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * An application with its own OpenTelemetry API and SDK (1.67.0), Jackson (2.17.2), ByteBuddy
 * (1.14.18), OkHttp (4.12.0), Okio (3.6.0) and Kotlin (1.9.10), none the agent's versions, behaves
 * the same under the agent, keeps using its own copies, and its LLM calls are still reported,
 * inside its own trace.
 */
class LibraryConflictsIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void anApplicationWithItsOwnVersionsOfTheAgentsLibrariesBehavesTheSame() throws Exception {
    JvmResult without = run(AgentJvm.forMain(LibraryConflictsApp.class), null);
    try (OtlpReceiver otlp = OtlpReceiver.start()) {
      JvmResult with = run(AgentJvm.forMain(LibraryConflictsApp.class).withAgent(), otlp);
      assertEquals(withoutTraceId(without.stdout()), withoutTraceId(with.stdout()),
          "the application's output changed under the agent");
      for (String jar : List.of("opentelemetry-api-1.67.0.jar", "opentelemetry-sdk-trace-1.67.0.jar",
          "jackson-databind-2.17.2.jar", "byte-buddy-1.14.18.jar", "okhttp-4.12.0.jar", "okio-jvm-3.6.0.jar",
          "kotlin-stdlib-1.9.10.jar")) {
        assertTrue(with.stdout().contains(" from " + jar), "the application runs its own " + jar + ":\n" + with.stdout());
      }
      assertTrue(with.stdout().contains("bytebuddy made by the application's ByteBuddy"), with.stdout());
      assertTrue(with.stdout().contains("app span handle-request INTERNAL root=true"), with.stdout());

      String traceId = with.stdout().lines().filter(l -> l.startsWith("trace=")).findFirst().orElseThrow().substring(6);
      List<ReceivedSpan> llm = otlp.awaitSpans(s -> s.hasAttribute("llmcost.outcome"), 2, WAIT);
      assertEquals(2, llm.size(), llm.toString());
      for (ReceivedSpan s : llm) {
        assertEquals("consumed", s.stringAttribute("llmcost.outcome"), s.toString());
        assertEquals(traceId, s.traceId(), "the LLM span sits in the application's own trace: " + s);
        assertTrue(s.doubleAttribute("llmcost.cost.usd") > 0, s.toString());
      }
    }
  }

  private static String withoutTraceId(String stdout) {
    return stdout.lines().filter(l -> !l.startsWith("trace=")).collect(Collectors.joining("\n"));
  }

  private static JvmResult run(AgentJvm jvm, OtlpReceiver otlp) {
    Path libs = Path.of(System.getProperty("llmcost.it.libs", "target/it-libs")).resolve("conflicting");
    try (FakeProvider provider = FakeProvider.start(); Stream<Path> jars = Files.list(libs)) {
      jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(jvm::classpathEntry);
      if (otlp != null) {
        jvm.exportingTo(otlp);
      }
      return jvm.args(provider.baseUrl()).timeout(WAIT).run().assertSuccess();
    } catch (IOException e) {
      throw new UncheckedIOException(libs + " is missing: run the it-tests build (generate-test-resources)", e);
    }
  }
}
