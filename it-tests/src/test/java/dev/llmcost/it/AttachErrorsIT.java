package dev.llmcost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.llmcost.it.apps.SleepApp;
import dev.llmcost.it.harness.AgentCli;
import dev.llmcost.it.harness.AgentJvm;
import dev.llmcost.it.harness.Jdk;
import dev.llmcost.it.harness.Jdks;
import dev.llmcost.it.harness.JvmResult;
import dev.llmcost.it.harness.RunningJvm;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What {@code java -jar llm-cost-agent.jar attach} says when it cannot attach: one line on standard
 * error, an exit code for the kind of failure (1 could not attach, 2 usage, 3 no jdk.attach), and
 * the target process left as it was.
 */
class AttachErrorsIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void aMissingProcessOrSomethingThatIsNotAPidIsOneLine() {
    Jdk jdk = Jdks.current();
    assertOneLineError(AgentCli.on(jdk).run("attach", "2147483647"), 1, "no such process");
    assertOneLineError(AgentCli.on(jdk).run("attach", "my-service"), 2, "'my-service' is not a process id");
  }

  @ParameterizedTest
  @MethodSource("dev.llmcost.it.harness.Jdks#available")
  void aProcessThatIsNotAJvmIsLeftAloneAndRunning(Jdk jdk) throws IOException, InterruptedException {
    // JDK 17's attach sends SIGQUIT to whatever the pid is. Started from a build, a process may
    // inherit SIGQUIT ignored; GNU env restores the default action, under which it would die.
    Process sleep = new ProcessBuilder("env", "--default-signal=QUIT", "sleep", "60").start();
    try {
      JvmResult result = AgentCli.on(jdk).run("attach", Long.toString(sleep.pid()));
      assertOneLineError(result, 1, "not a JVM that can be attached");
      assertTrue(sleep.isAlive(), "the process still runs");
    } finally {
      sleep.destroyForcibly().waitFor();
    }
  }

  @Test
  void aJavaRuntimeWithoutJdkAttachSaysSo() {
    // as in a jlink image without jdk.attach; java.instrument stays, the agent's entry point needs it
    AgentCli cli = AgentCli.on(Jdks.current()).jvmArgs("--limit-modules", "java.base,java.instrument");
    assertOneLineError(cli.run("list"), 3, "has no jdk.attach module");
    assertOneLineError(cli.run("attach", Long.toString(ProcessHandle.current().pid())), 3, "has no jdk.attach module");
  }

  @ParameterizedTest
  @MethodSource("dev.llmcost.it.harness.Jdks#available")
  void aJvmThatDoesNotAllowAttachingIsOneLine(Jdk jdk) {
    try (RunningJvm target = sleeping(jdk, "-XX:+UsePerfData", "-XX:+DisableAttachMechanism")) {
      assertOneLineError(AgentCli.on(jdk).run("attach", Long.toString(target.pid())), 1,
          "it does not allow attaching (it runs with -XX:+DisableAttachMechanism)");
      assertTrue(target.isAlive());
    }
  }

  @ParameterizedTest
  @MethodSource("dev.llmcost.it.harness.Jdks#available")
  void aJvmThatRefusesAgentsLoadedAtRunTimeIsOneLine(Jdk jdk) {
    assumeTrue(jdk.featureVersion() >= 21, "-XX:-EnableDynamicAgentLoading exists from JDK 21");
    try (RunningJvm target = sleeping(jdk, "-XX:-EnableDynamicAgentLoading")) {
      assertOneLineError(AgentCli.on(jdk).run("attach", Long.toString(target.pid())), 1,
          "it refuses agents loaded at run time (it runs with -XX:-EnableDynamicAgentLoading)");
      assertTrue(target.isAlive());
    }
  }

  @Test
  void anAgentThatFailsToStartIsReportedAndTheApplicationRunsOn() {
    Jdk jdk = Jdks.current();
    // a read-only or missing temp directory, as in some containers: the bootstrap jar has nowhere to go
    try (RunningJvm target = sleeping(jdk, "-Djava.io.tmpdir=/nonexistent-llmcost-tmp")) {
      String pid = Long.toString(target.pid());
      assertOneLineError(AgentCli.on(jdk).run("attach", pid), 1,
          "the agent did not start there: java.io.IOException: cannot write its bootstrap jar to java.io.tmpdir");
      assertOneLineError(AgentCli.on(jdk).run("attach", pid), 1, "was loaded there before and did not start");
      assertTrue(target.isAlive());
      assertTrue(target.stderr().contains("failed to start, the application runs without it"), target.stderr());
    }
  }

  private static RunningJvm sleeping(Jdk jdk, String... jvmArgs) {
    RunningJvm target = AgentJvm.forMain(SleepApp.class).on(jdk).jvmArgs(jvmArgs).args("60").start();
    target.awaitStdout("sleeping", WAIT);
    return target;
  }

  private static void assertOneLineError(JvmResult result, int exitCode, String text) {
    List<String> lines = result.stderr().strip().lines().toList();
    assertEquals(exitCode, result.exitCode(), result.describe());
    assertEquals(1, lines.size(), result.describe());
    assertTrue(lines.get(0).startsWith("[llm-cost-agent] ERROR ") && lines.get(0).contains(text), result.describe());
    assertEquals("", result.stdout(), result.describe());
  }
}
