package dev.llmcost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.examples.Demo;
import dev.llmcost.fake.FakeProvider;
import dev.llmcost.it.harness.AgentJvm;
import dev.llmcost.it.harness.Jdks;
import dev.llmcost.it.harness.JvmResult;
import dev.llmcost.it.harness.OtlpReceiver;
import dev.llmcost.it.harness.ReceivedSpan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's demo, run as a newcomer runs it, and what the agent says about it. */
class ExamplesIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Path EXAMPLES_JAR = Path.of("../examples/target/llm-cost-examples.jar");

  @Test
  void theDemoTourShowsItsWasteInTheReportTheWarningAndTheSpans() throws Exception {
    try (OtlpReceiver otlp = OtlpReceiver.start()) {
      JvmResult result = AgentJvm.forMain(Demo.class).on(Jdks.current()).withAgent()
          .withLibraryOf(FakeProvider.class).withLibraries("jackson-")
          .exportingTo(otlp).timeout(WAIT).run().assertSuccess();
      String err = result.stderr();
      assertTrue(err.contains("upfront firing at dev.llmcost.examples.LlmClient.chatAsync"
          + "(LlmClient.java:") && err.contains("called from dev.llmcost.examples"
          + ".UpfrontFiringExample.validate(UpfrontFiringExample.java:"), err);
      assertTrue(err.contains("LLM cost report: 14 calls"), err);
      assertTrue(err.lines().anyMatch(l -> l.contains("openai/gpt-4o ") && l.contains("abandoned=5")
          && l.contains("stream_closed_early=1")), err);

      List<ReceivedSpan> spans = otlp.awaitSpans(s -> true, 14, WAIT);
      assertEquals(5, count(spans, "abandoned"));
      assertEquals(1, count(spans, "stream_closed_early"));
      assertEquals(8, count(spans, "consumed"));
      assertEquals(3, spans.stream().filter(s ->
          s.hasAttribute("gen_ai.usage.cache_read.input_tokens")).count(),
          "three prompt-caching calls read the cache");
    }
  }

  @Test
  void thePoolExampleShowsTheFuturesItNeverReadAsAbandoned() throws Exception {
    try (OtlpReceiver otlp = OtlpReceiver.start()) {
      JvmResult result = examplesJar("upfront-firing-pool").exportingTo(otlp).run().assertSuccess();
      assertTrue(result.stderr().contains("upfront firing at dev.llmcost.examples.LlmClient.chat"
          + "(LlmClient.java:") && result.stderr().contains("called from dev.llmcost.examples"
          + ".PoolUpfrontFiringExample.lambda$validate$"), result.describe());
      List<ReceivedSpan> spans = otlp.awaitSpans(s -> true, 6, WAIT);
      assertEquals(5, count(spans, "abandoned"), spans.toString());
      assertEquals(1, count(spans, "consumed"), spans.toString());
    }
  }

  @Test
  void theOfficialSdksExampleIsSeenThroughTheSdksWithItsOwnCallSites() throws Exception {
    try (OtlpReceiver otlp = OtlpReceiver.start()) {
      JvmResult result = examplesJar("official-sdks").exportingTo(otlp).run().assertSuccess();
      assertTrue(result.stdout().contains("anthropic: 180 output tokens"), result.describe());
      List<ReceivedSpan> spans = otlp.awaitSpans(s -> true, 4, WAIT);
      assertEquals(4, count(spans, "consumed"), spans.toString());
      assertEquals(3, spans.stream().filter(s -> "openai".equals(s.stringAttribute("gen_ai.provider.name"))).count());
      assertTrue(spans.stream().allMatch(s -> s.stringAttribute("code.function.name")
          .equals("dev.llmcost.examples.OfficialSdksExample.run")), "the example's lines, also for async");
    }
  }

  @Test
  void aGracefulShutdownWaitsForStreamsWithoutTheAgentAndNotWithIt() throws Exception {
    try (OtlpReceiver otlp = OtlpReceiver.start()) {
      JvmResult with = examplesJar("graceful-shutdown").exportingTo(otlp).run().assertSuccess();
      assertEquals(3, with.stdout().lines().filter(l -> l.contains("stream ended early")).count(),
          with.describe());
      List<ReceivedSpan> spans = otlp.awaitSpans(s -> true, 3, WAIT);
      assertEquals(3, count(spans, "cancelled_at_shutdown"), spans.toString());
    }
    JvmResult without = AgentJvm.forMain(Demo.class).on(Jdks.current()).classpathEntry(EXAMPLES_JAR)
        .args("graceful-shutdown").timeout(WAIT).run().assertSuccess();
    assertEquals(3, without.stdout().lines().filter(l -> l.contains("answer complete")).count(),
        "without the agent the exit waits for every answer: " + without.describe());
  }

  @Test
  void theAgentsConcurrencyGuardDoesWhatTheHandWrittenSemaphoreDoes() throws Exception {
    JvmResult semaphore = examplesJar("semaphore").run().assertSuccess();
    assertTrue(semaphore.stdout().contains("saw at most 4 requests at once"), semaphore.describe());
    JvmResult unguarded = examplesJar("burst").run().assertSuccess();
    assertTrue(peak(unguarded) > 4, "nothing holds a burst back by default: " + unguarded.describe());
    JvmResult guarded = examplesJar("burst").systemProperty("llmcost.guard.max_concurrent", "4")
        .run().assertSuccess();
    assertTrue(guarded.stdout().contains("saw at most 4 requests at once"), guarded.describe());
  }

  private static int peak(JvmResult result) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("saw at most (\\d+) requests")
        .matcher(result.stdout());
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }

  /** The examples' own jar, as the README runs it, with the SDKs and their libraries inside. */
  private static AgentJvm examplesJar(String example) {
    return AgentJvm.forMain(Demo.class).on(Jdks.current()).withAgent().classpathEntry(EXAMPLES_JAR)
        .args(example).timeout(WAIT);
  }

  private static long count(List<ReceivedSpan> spans, String outcome) {
    return spans.stream().filter(s -> outcome.equals(s.stringAttribute("llmcost.outcome"))).count();
  }
}
