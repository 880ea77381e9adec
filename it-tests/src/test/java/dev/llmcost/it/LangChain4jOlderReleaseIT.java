package dev.llmcost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.fake.Behaviour;
import dev.llmcost.fake.FakeProvider;
import dev.llmcost.it.apps.LangChain4jChatApp;
import dev.llmcost.it.harness.AgentJvm;
import dev.llmcost.it.harness.Jdk;
import dev.llmcost.it.harness.JvmResult;
import dev.llmcost.it.harness.OtlpReceiver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * LangChain4j 1.0.1, the first GA release and still widely deployed, with OpenAI. Its JDK client
 * differs from 1.19's ({@code send(ofString)} for blocking chats). Its jars are copied aside by the
 * pom, since they cannot share the test class path with 1.19. Anthropic is left out: until 1.2
 * langchain4j-anthropic used Retrofit over OkHttp, not the JDK HttpClient.
 */
class LangChain4jOlderReleaseIT {
  private static final String OLDER_JARS = "llmcost.it.langchain4j.older";
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static FakeProvider provider;
  private static OtlpReceiver otlp;

  @BeforeAll
  static void start() {
    provider = FakeProvider.start();
    otlp = OtlpReceiver.start();
  }

  @AfterAll
  static void stop() {
    provider.close();
    otlp.close();
  }

  @BeforeEach
  void reset() {
    provider.clear();
    provider.setDefaultBehaviour(Behaviour.normal().withChunks(4).withUsage(LangChain4jIT.USAGE));
    otlp.clear();
  }

  @ParameterizedTest
  @MethodSource("dev.llmcost.it.harness.Jdks#available")
  void openAiBlockingAndStreamingChatsGiveOneConsumedSpanEach(Jdk jdk) throws IOException {
    AgentJvm app = AgentJvm.forMain(LangChain4jChatApp.class)
        .on(jdk)
        .withLibraries("jackson-", "jtokkit-", "slf4j-api-") // langchain4j 1.0.1 dependencies, from 1.19's set
        .args(provider.openAiBaseUrl(), "openai")
        .timeout(WAIT);
    for (Path jar : olderReleaseJars()) {
      app.classpathEntry(jar);
    }
    JvmResult without = app.run().assertSuccess();
    JvmResult with = app.withAgent().exportingTo(otlp).run().assertSuccess();

    assertTrue(without.stdout().startsWith(LangChain4jIT.JDK_CLIENT + "\n"), without.stdout());
    assertEquals(without.stdout(), with.stdout(), "the application's output with the agent");
    LangChain4jIT.assertSpansOfOneRun(otlp, "openai");
    LangChain4jIT.assertOpenAiStreamAskedForUsage(provider.requests());
  }

  private static List<Path> olderReleaseJars() throws IOException {
    Path dir = Path.of(System.getProperty(OLDER_JARS, "target/langchain4j-1.0.1"));
    try (Stream<Path> jars = Files.list(dir)) {
      List<Path> list = jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
      assertEquals(4, list.size(), "langchain4j open-ai, core, http-client, http-client-jdk in " + dir);
      return list;
    }
  }
}
