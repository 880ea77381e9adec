package dev.llmcost.it.okhttp;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.fake.FakeProvider;
import dev.llmcost.it.harness.Jdk;
import dev.llmcost.it.harness.Jdks;
import dev.llmcost.it.harness.ReceivedSpan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * Spring AI 2.0.1 (spring-ai-openai, spring-ai-anthropic, spring-ai-client-chat) used
 * programmatically, without Spring Boot: the {@code SpringAiApp} of the it-tests/spring-ai-app
 * module, run on every JDK without the agent and with it. Spring AI runs the official SDKs
 * (openai-java-core 4.49.0, anthropic-java-core 2.52.0) over OkHttp clients of its own
 * ({@code SpringAiOpenAiHttpClient}, {@code SpringAiAnthropicHttpClient}) instead of the SDKs'
 * {@code openai-java-client-okhttp}: the OkHttp instrumentation sees every call; a Spring AI user
 * expects from it what an SDK user gets, one consumed span per call with the provider's usage, its
 * cost, and the application method that asked for it.
 *
 * <p>The application and its libraries (target/spring-ai-app.jar, target/lib) never reach this
 * class path: the app's main class is loaded from its jar only to name it to the child JVM.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpringAiIT {
  private static final String APP_CLASS = "dev.llmcost.it.springai.SpringAiApp";

  /** What the application does, in order, one HTTP call each, and what it asks the fake for. */
  private record Scenario(String method, String provider, Prices model, long inputTokens,
      long outputTokens, boolean stream) {
    @Override
    public String toString() {
      return method;
    }
  }

  private static final List<Scenario> SCENARIOS = List.of(
      new Scenario("openAiCall", "openai", Prices.GPT_4O_MINI, 2000, 300, false),
      new Scenario("openAiStream", "openai", Prices.GPT_4O_MINI, 2200, 320, true),
      new Scenario("anthropicCall", "anthropic", Prices.CLAUDE_HAIKU_4_5, 3000, 400, false),
      new Scenario("anthropicStream", "anthropic", Prices.CLAUDE_HAIKU_4_5, 3200, 420, true),
      new Scenario("chatClientCall", "openai", Prices.GPT_4O_MINI, 2600, 360, false));

  private final Class<?> app = ClientLibraries.springAiAppClass(APP_CLASS);
  private final List<InstrumentedRun> runs = new ArrayList<>();

  @BeforeAll
  @Timeout(120)
  void runTheApplicationOnEveryJdk() {
    for (Jdk jdk : Jdks.available()) {
      runs.add(InstrumentedRun.of(app, jdk, ClientLibraries.springAi(), FakeProvider::baseUrl,
          SCENARIOS.size()));
    }
  }

  @Test
  void theApplicationPrintsExactlyTheSameWithTheAgent() {
    for (InstrumentedRun run : runs) {
      assertEquals(run.plain().stdout(), run.instrumented().stdout(), run.label());
      assertTrue(run.instrumented().stdout().endsWith("### done\n"), run.instrumented().describe());
      assertFalse(run.instrumented().stderr().contains(" WARN "), run.instrumented().stderr());
    }
  }

  @Test
  void springAiReportsTheFakesUsageForEveryScenario() {
    // the application's own view, without the agent: what the spans below must agree with
    for (InstrumentedRun run : runs) {
      for (Scenario s : SCENARIOS) {
        String printed = section(run.plain().stdout(), s.method);
        assertTrue(printed.contains("usage " + s.inputTokens + " " + s.outputTokens + " "),
            run.label() + " " + s + ":\n" + printed);
      }
    }
  }

  @Test
  void everyCallIsConsumedWithTheProvidersUsageAndItsCost() {
    List<Executable> checks = new ArrayList<>();
    forEachScenarioSpan((run, s, span) -> {
      String where = run.label() + ", " + s + ": " + span;
      checks.add(() -> {
        assertEquals("chat " + s.model.modelName(), span.name(), where);
        assertEquals(s.provider, span.stringAttribute("gen_ai.provider.name"), where);
        assertEquals(s.model.modelName(), span.stringAttribute("gen_ai.request.model"), where);
        assertEquals("consumed", span.stringAttribute("llmcost.outcome"), where);
        assertEquals(false, span.attribute("llmcost.usage.estimated"), where);
        assertEquals(200L, span.longAttribute("http.response.status_code"), where);
        s.model.assertTokensAndCost(span, s.inputTokens, s.outputTokens);
        if (s.stream) {
          assertEquals(true, span.attribute("gen_ai.request.stream"), where);
        } else {
          assertNotEquals(true, span.attribute("gen_ai.request.stream"), where);
        }
        if (s.provider.equals("anthropic")) {
          assertEquals(256L, span.longAttribute("gen_ai.request.max_tokens"), where);
        }
        assertFalse(span.hasAttribute("llmcost.waste.usd"), where);
        assertFalse(span.hasAttribute("llmcost.request.duplicate"), where);
      });
    });
    assertAll(checks);
  }

  /**
   * The call site is the application's method that asked Spring AI for the answer: for a call,
   * on the application's thread, beneath Spring AI's chat model, Micrometer's observation, the SDK
   * and Spring AI's OkHttp client; for a stream, subscribed on the application's thread and sent
   * from an SDK thread (which carries the site from where the SDK built the request).
   */
  @Test
  void eachCallIsReportedFromTheApplicationMethodThatMadeIt() {
    List<Executable> checks = new ArrayList<>();
    forEachScenarioSpan((run, s, span) -> {
      checks.add(() -> assertEquals(APP_CLASS + "." + s.method,
          span.stringAttribute("code.function.name"),
          run.label() + ", " + s + ": code.function.name; code.stacktrace "
              + span.stringAttribute("code.stacktrace")));
      checks.add(() -> assertEquals("main", span.stringAttribute("thread.name"),
          run.label() + ", " + s + ": " + span));
    });
    assertAll(checks);
  }

  private interface ScenarioSpan {
    void accept(InstrumentedRun run, Scenario scenario, ReceivedSpan span);
  }

  /**
   * Each scenario of each run with its span: the scenarios run one after the other, each call
   * ended before the next starts, so the spans in start order are the scenarios in order.
   */
  private void forEachScenarioSpan(ScenarioSpan action) {
    for (InstrumentedRun run : runs) {
      List<ReceivedSpan> spans = run.spans().stream()
          .sorted(Comparator.comparingLong(ReceivedSpan::startNanos)).toList();
      for (int i = 0; i < SCENARIOS.size(); i++) {
        action.accept(run, SCENARIOS.get(i), spans.get(i));
      }
    }
  }

  /** The lines a scenario printed, from its {@code ### <scenario>} line to the next one. */
  private static String section(String stdout, String scenario) {
    int start = stdout.indexOf("### " + scenario + "\n");
    assertTrue(start >= 0, "no ### " + scenario + " in:\n" + stdout);
    int end = stdout.indexOf("### ", start + 4);
    return stdout.substring(start, end < 0 ? stdout.length() : end);
  }
}
