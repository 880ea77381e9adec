package dev.llmcost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.fake.Behaviour;
import dev.llmcost.fake.FakeProvider;
import dev.llmcost.fake.FakeUsage;
import dev.llmcost.it.apps.LlmCallLoopApp;
import dev.llmcost.it.harness.AgentCli;
import dev.llmcost.it.harness.AgentJvm;
import dev.llmcost.it.harness.Jdk;
import dev.llmcost.it.harness.JvmResult;
import dev.llmcost.it.harness.OtlpReceiver;
import dev.llmcost.it.harness.ReceivedSpan;
import dev.llmcost.it.harness.RunningJvm;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code java -jar llm-cost-agent.jar attach <pid>} on a JVM started without the agent that is
 * already calling an LLM with the JDK HttpClient, so {@code HttpClientImpl} is loaded and must be
 * retransformed. The target's environment has no OTEL_* settings: the exporter is configured by
 * the {@code otel.*} agent arguments alone.
 */
class AttachIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final FakeUsage USAGE = FakeUsage.of(700, 90);

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
    provider.setDefaultBehaviour(Behaviour.normal().withChunks(3).withUsage(USAGE));
    otlp.clear();
  }

  @ParameterizedTest
  @MethodSource("dev.llmcost.it.harness.Jdks#available")
  void callsStartedAfterTheAttachAreReportedWithTheirTokens(Jdk jdk) {
    try (RunningJvm target = AgentJvm.forMain(LlmCallLoopApp.class)
        .on(jdk)
        .jvmArgs("-XX:+UsePerfData") // the harness turns it off; `list` finds JVMs by it
        .args(provider.openAiBaseUrl())
        .start()) {
      target.awaitStdout("calling", WAIT);
      provider.awaitRequests(2, WAIT); // HttpClientImpl is loaded and has been used

      JvmResult list = AgentCli.on(jdk).run("list").assertSuccess();
      assertTrue(list.stdout().lines().anyMatch(l -> l.startsWith(target.pid() + "\t" + LlmCallLoopApp.class.getName() + " ")),
          list.stdout());

      int before = provider.requests().size();
      JvmResult attach = AgentCli.on(jdk).run("attach", Long.toString(target.pid()), String.join(",",
          "otel.exporter.otlp.endpoint=" + otlp.endpoint(),
          "otel.bsp.schedule.delay=50",
          "otel.metric.export.interval=250",
          "otel.service.name=attached-loop",
          "llmcost.log.level=debug")).assertSuccess();
      int after = provider.requests().size();
      assertEquals("[llm-cost-agent] attached to " + target.pid() + "; the agent is running", attach.stdout().strip());
      otlp.awaitSpans(4, WAIT);
      JvmResult again = AgentCli.on(jdk).run("attach", Long.toString(target.pid())).assertSuccess();
      assertEquals("[llm-cost-agent] the agent is already loaded in " + target.pid() + " (running); nothing changed",
          again.stdout().strip());

      // The run report so far, from the command line (through the JVM's local JMX connector).
      JvmResult report = AgentCli.on(jdk).run("report", Long.toString(target.pid())).assertSuccess();
      assertTrue(report.stdout().startsWith("LLM cost report: ") && report.stdout().contains("openai/gpt-4o-mini"),
          report.stdout());
      JvmResult json = AgentCli.on(jdk).run("report", Long.toString(target.pid()), "json").assertSuccess();
      assertTrue(json.stdout().strip().startsWith("{") && json.stdout().contains("\"total\""), json.stdout());

      // Paused from the command line, then resumed: the calls in between pass untracked.
      String pid = Long.toString(target.pid());
      int beforePause = provider.requests().size();
      JvmResult pause = AgentCli.on(jdk).run("pause", pid).assertSuccess();
      int paused = provider.requests().size();
      assertEquals("[llm-cost-agent] tracking paused in " + pid + ": its LLM calls pass untracked until `resume "
          + pid + "`", pause.stdout().strip());
      // More calls while paused than the attach let pass, so a pause that did nothing shows.
      provider.awaitRequests(paused + (after - before) + 10, WAIT);
      int beforeResume = provider.requests().size();
      JvmResult resume = AgentCli.on(jdk).run("resume", pid).assertSuccess();
      int resumed = provider.requests().size();
      assertEquals("[llm-cost-agent] tracking resumed in " + pid, resume.stdout().strip());
      provider.awaitRequests(resumed + (resumed - beforePause) + 10, WAIT);

      target.writeLine("stop");
      JvmResult ended = target.awaitExit(WAIT).assertSuccess();
      int total = provider.requests().size();
      assertTrue(ended.stderr().contains("tracking paused") && ended.stderr().contains("tracking resumed"),
          ended.stderr());
      // Through JMX, not by loading the jar again: JDK 21+ warns once, for the attach, not for each command.
      assertTrue(ended.stderr().lines().filter(l -> l.contains("has been loaded dynamically")).count() <= 1,
          ended.stderr());
      assertTrue(ended.stderr().contains("instrumented jdk.internal.net.http.HttpClientImpl (retransformed)"),
          ended.stderr());
      List<ReceivedSpan> spans = otlp.spans();
      // One call at a time: a call reaching the fake before the attach began cannot be seen, and
      // of those reaching it after the attach returned only the one then in flight may be missed;
      // of those between the pause's return and the resume only the one then in flight is seen,
      // and those sent while a command was on its way may be either.
      int untracked = beforeResume - paused - 1;
      assertTrue(spans.size() <= total - before - untracked
              && spans.size() >= total - after - 1 - (resumed - beforePause),
          "spans " + spans.size() + ", requests " + before + "/" + after + "/" + beforePause + "/" + paused
              + "/" + beforeResume + "/" + resumed + "/" + total + "\n" + attach.stdout() + ended.stderr());
      for (ReceivedSpan span : spans) {
        assertEquals("chat gpt-4o-mini", span.name());
        assertEquals("consumed", span.stringAttribute("llmcost.outcome"), span.toString());
        assertEquals(USAGE.inputTokens(), span.longAttribute("gen_ai.usage.input_tokens"));
        assertEquals(USAGE.outputTokens(), span.longAttribute("gen_ai.usage.output_tokens"));
        assertEquals(false, span.attribute("llmcost.usage.estimated"));
        assertEquals("attached-loop", span.resource().get("service.name"));
      }
      assertTrue(spans.stream().anyMatch(s -> Boolean.TRUE.equals(s.attribute("gen_ai.request.stream"))), "a stream");
      assertTrue(spans.stream().anyMatch(s -> !s.hasAttribute("gen_ai.request.stream")
          || Boolean.FALSE.equals(s.attribute("gen_ai.request.stream"))), "a blocking call");
    }
  }
}
