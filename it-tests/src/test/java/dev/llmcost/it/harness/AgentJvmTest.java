package dev.llmcost.it.harness;

import dev.llmcost.fake.FakeProvider;
import dev.llmcost.fake.SseEvents;
import dev.llmcost.fake.Behaviour;
import dev.llmcost.fake.FakeUsage;
import dev.llmcost.fake.RecordedRequest;
import dev.llmcost.fake.Exchange;
import dev.llmcost.fake.ConnectionRecord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmcost.it.apps.JvmFactsApp;
import dev.llmcost.it.apps.SleepApp;
import dev.llmcost.it.apps.StreamUntilExitApp;
import dev.llmcost.it.apps.WireProbeApp;
import dev.llmcost.fake.SseEvents.SseEvent;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Child JVMs see only what a real application sees, speak to the fake over real sockets, and never outlive a test. */
class AgentJvmTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static FakeProvider provider;

  @BeforeAll
  static void start() {
    provider = FakeProvider.start();
  }

  @AfterAll
  static void stop() {
    provider.close();
  }

  @BeforeEach
  void reset() {
    provider.clear();
    provider.setDefaultBehaviour(Behaviour.normal().withChunks(3)
        .withUsage(FakeUsage.of(120, 30).withCacheRead(20).withCacheWrite(10)));
  }

  @ParameterizedTest
  @MethodSource("dev.llmcost.it.harness.Jdks#available")
  void aChildJvmWithoutTheAgentReadsTheRealWireFormats(Jdk jdk) throws Exception {
    JvmResult result = AgentJvm.forMain(WireProbeApp.class).on(jdk).args(provider.baseUrl()).timeout(WAIT).run()
        .assertSuccess();
    Map<String, String> sections = sections(result.stdout());
    assertTrue(sections.containsKey("java " + jdk.featureVersion()), "ran on " + jdk + ": " + sections.keySet());

    JsonNode openAi = JSON.readTree(sections.get("openai-json 200"));
    assertEquals("gpt-4o-mini", openAi.path("model").asText());
    assertEquals(120, openAi.at("/usage/prompt_tokens").asInt());
    assertEquals(20, openAi.at("/usage/prompt_tokens_details/cached_tokens").asInt());
    assertEquals(30, openAi.at("/usage/completion_tokens").asInt());

    List<SseEvent> openAiStream = SseEvents.parse(sections.get("openai-sse 200"));
    assertEquals("[DONE]", openAiStream.get(openAiStream.size() - 1).data());
    JsonNode usageChunk = JSON.readTree(openAiStream.get(openAiStream.size() - 2).data());
    assertEquals(0, usageChunk.path("choices").size());
    assertEquals(150, usageChunk.at("/usage/total_tokens").asInt());

    JsonNode anthropic = JSON.readTree(sections.get("anthropic-json 200"));
    assertEquals(90, anthropic.at("/usage/input_tokens").asInt());
    assertEquals(20, anthropic.at("/usage/cache_read_input_tokens").asInt());
    assertEquals(10, anthropic.at("/usage/cache_creation_input_tokens").asInt());

    List<SseEvent> anthropicStream = SseEvents.parse(sections.get("anthropic-sse 200"));
    assertEquals("message_start", anthropicStream.get(0).event());
    assertEquals(90, JSON.readTree(anthropicStream.get(0).data()).at("/message/usage/input_tokens").asInt());
    SseEvent messageDelta = anthropicStream.get(anthropicStream.size() - 2);
    assertEquals("message_delta", messageDelta.event());
    assertEquals(30, JSON.readTree(messageDelta.data()).at("/usage/output_tokens").asInt());

    List<RecordedRequest> requests = provider.awaitRequests(4, WAIT);
    assertEquals("Bearer sk-test-probe", requests.get(0).header("authorization"));
    assertEquals("sk-ant-test-probe", requests.get(2).header("x-api-key"));
    assertTrue(provider.failures().isEmpty(), provider.failures().toString());
  }

  @Test
  void theChildSeesOnlyItsClassesTheChosenLibrariesAndTheGivenEnvironment() {
    OtlpReceiver otlp = OtlpReceiver.start();
    try (otlp) {
      JvmResult result = AgentJvm.forMain(JvmFactsApp.class)
          .exportingTo(otlp)
          .env("PROBE_SETTING", "on")
          .systemProperty("probe.flag", "yes")
          .withLibraryOf(ObjectMapper.class)
          .args("probe.flag", "second arg")
          .timeout(WAIT)
          .run()
          .assertSuccess();
      Map<String, String> facts = facts(result.stdout());
      List<String> classpath = List.of(facts.get("java.class.path").split(File.pathSeparator));
      assertEquals(2, classpath.size(), classpath.toString());
      assertEquals(ChildClasspath.locationOf(JvmFactsApp.class).toString(), classpath.get(0));
      assertTrue(classpath.get(1).contains("jackson-databind"), classpath.toString());
      assertEquals("yes", facts.get("prop.probe.flag"));
      assertEquals("on", facts.get("env.PROBE_SETTING"));
      assertEquals(otlp.endpoint(), facts.get("env.OTEL_EXPORTER_OTLP_ENDPOINT"));
      assertEquals("http/protobuf", facts.get("env.OTEL_EXPORTER_OTLP_PROTOCOL"));
      assertEquals("JvmFactsApp", facts.get("env.OTEL_SERVICE_NAME"));
      assertFalse(facts.get("env.names").contains("JAVA_TOOL_OPTIONS"));
      assertFalse(facts.get("jvm.args").contains("-javaagent"));
      assertTrue(result.stdout().contains("arg=second arg"));
    }
  }

  @Test
  void aClassPathEntryHoldingAgentClassesIsRefused(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("dev/llmcost/agent"));
    AgentJvm jvm = AgentJvm.forMain(JvmFactsApp.class).classpathEntry(dir);
    IllegalStateException refused = assertThrows(IllegalStateException.class, jvm::start);
    assertTrue(refused.getMessage().contains("-javaagent"));
  }

  @Test
  void theAgentArrivesOnlyAsJavaagentWithItsArguments(@TempDir Path dir) throws Exception {
    Path jar = Files.createFile(dir.resolve("llm-cost-agent.jar"));
    List<String> command = AgentJvm.forMain(JvmFactsApp.class).withAgentJar(jar, "otel.service.name=x").command();
    assertTrue(command.contains("-javaagent:" + jar + "=otel.service.name=x"), command.toString());
    int cp = command.indexOf("-cp");
    assertFalse(command.get(cp + 1).contains(jar.toString()));
    assertEquals(JvmFactsApp.class.getName(), command.get(cp + 2));
  }

  @Test
  void librariesCanBeNamedByTheirJarsOnTheTestClassPath() {
    List<Path> classpath = AgentJvm.forMain(JvmFactsApp.class).withLibraries("jackson-core-", "jackson-databind-").classpath();
    assertEquals(3, classpath.size(), classpath.toString());
    assertTrue(classpath.get(1).getFileName().toString().startsWith("jackson-core-"));
    assertThrows(IllegalArgumentException.class, () -> AgentJvm.forMain(JvmFactsApp.class).withLibraries("no-such-lib-"));
  }

  @Test
  void aJvmThatOutlivesItsTimeoutIsKilled() {
    long start = System.nanoTime();
    JvmResult result = AgentJvm.forMain(SleepApp.class).args("60").timeout(Duration.ofMillis(1500)).run();
    assertTrue(result.timedOut());
    assertTrue(result.stdout().contains("sleeping"));
    assertFalse(result.stdout().contains("shutdown hook ran"), "killed, not terminated");
    assertTrue(result.stdout().contains("Full thread dump"), "where it hung: " + result.stdout());
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10);
  }

  @Test
  void terminateRunsTheChildsShutdownHooks() {
    try (RunningJvm jvm = AgentJvm.forMain(SleepApp.class).args("60").start()) {
      jvm.awaitStdout("sleeping", WAIT);
      jvm.terminate();
      JvmResult result = jvm.awaitExit(WAIT);
      assertFalse(result.timedOut());
      assertTrue(result.stdout().contains("shutdown hook ran"), result.describe());
    }
  }

  @Test
  void theProviderSeesTheChildsConnectionsCloseWhenItExits() {
    provider.setDefaultBehaviour(Behaviour.normal().endlessStream().withChunkDelay(Duration.ofMillis(50)));
    JvmResult result = AgentJvm.forMain(StreamUntilExitApp.class).args(provider.baseUrl(), "exit").timeout(WAIT).run()
        .assertSuccess();
    assertTrue(result.stdout().contains("streaming 200 true"), result.describe());

    List<ConnectionRecord> connections = provider.awaitAllConnectionsClosed(Duration.ofSeconds(5));
    assertEquals(1, connections.size());
    ConnectionRecord connection = connections.get(0);
    assertTrue(connection.closedByClient());
    long afterExitMillis = (connection.closedNanos() - result.exitedNanos()) / 1_000_000;
    assertTrue(afterExitMillis < 500, "closed " + afterExitMillis + " ms after the JVM exited");
    provider.awaitExchange(e -> e.outcome() == Exchange.Outcome.CLIENT_DISCONNECTED, Duration.ofSeconds(5));
  }

  /** {@code ### name status} headed sections of WireProbeApp's output. */
  private static Map<String, String> sections(String stdout) {
    Map<String, String> sections = new LinkedHashMap<>();
    String[] parts = stdout.split("(?m)^### ");
    for (String part : parts) {
      int newline = part.indexOf('\n');
      if (newline > 0) {
        sections.put(part.substring(0, newline).trim(), part.substring(newline + 1));
      }
    }
    assertTrue(sections.containsKey("done"), "incomplete output: " + stdout);
    return sections;
  }

  private static Map<String, String> facts(String stdout) {
    Map<String, String> facts = new LinkedHashMap<>();
    for (String line : stdout.split("\\R")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        facts.putIfAbsent(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return facts;
  }
}
