package dev.llmcost.agent.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttachCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(boolean attachModule, String... args) {
    return new AttachCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), attachModule).execute(args);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void noArgumentsPrintsTheUsage() {
    assertEquals(AttachCommand.OK, run(true));
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("usage:"));
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    assertEquals(AttachCommand.USAGE, run(true, "detach", "1"));
    assertEquals(AttachCommand.USAGE, run(true, "attach"));
    assertEquals(AttachCommand.USAGE, run(true, "attach", "1", "a=b", "extra"));
    assertEquals(AttachCommand.USAGE, run(true, "pause"));
    assertEquals(AttachCommand.USAGE, run(true, "resume", "1", "extra"));
    assertEquals(AttachCommand.USAGE, run(true, "report", "1", "xml"));
    assertTrue(err().startsWith("usage:"), err());
  }

  @Test
  void aPidMustBeAPositiveNumber() {
    assertEquals(AttachCommand.USAGE, run(true, "attach", "my-service"));
    assertEquals("[llm-cost-agent] ERROR 'my-service' is not a process id", err().strip());
    err.reset();
    assertEquals(AttachCommand.USAGE, run(true, "pause", "my-service"));
    assertEquals("[llm-cost-agent] ERROR 'my-service' is not a process id", err().strip());
  }

  @Test
  void aMissingProcessIsOneLine() {
    // above any Linux pid_max, so no such process
    assertEquals(AttachCommand.FAILED, run(true, "attach", Integer.toString(Integer.MAX_VALUE)));
    assertEquals("[llm-cost-agent] ERROR attach to 2147483647 failed: no such process", err().strip());
  }

  @Test
  void aRuntimeWithoutJdkAttachSaysSo() {
    assertEquals(AttachCommand.NO_ATTACH_MODULE, run(false, "list"));
    assertEquals(AttachCommand.NO_ATTACH_MODULE, run(false, "attach", "1"));
    assertTrue(err().lines().allMatch(l -> l.contains("has no jdk.attach module")), err());
  }

  private AttachCommand command() {
    return new AttachCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), true);
  }

  @Test
  void theAgentsStateAfterTheAttachIsWhatTheUserReads() {
    assertEquals(AttachCommand.OK, command().report(7, new JvmAttacher.Outcome(true, "running"), ""));
    assertEquals(AttachCommand.OK, command().report(7, new JvmAttacher.Outcome(true, "disabled"), ""));
    assertEquals(AttachCommand.OK, command().report(7, new JvmAttacher.Outcome(false, "running"), "otel.a=b"));
    assertEquals(List.of(
        "[llm-cost-agent] attached to 7; the agent is running",
        "[llm-cost-agent] attached to 7, where the agent is disabled (llmcost.enabled=false)",
        "[llm-cost-agent] the agent is already loaded in 7 (running); nothing changed, the settings given now were not applied"),
        out.toString(StandardCharsets.UTF_8).lines().toList());
  }

  @Test
  void anAgentThatFailedToStartFailsTheCommand() {
    assertEquals(AttachCommand.FAILED,
        command().report(7, new JvmAttacher.Outcome(true, "failed: java.io.IOException: disk full"), ""));
    assertEquals("[llm-cost-agent] ERROR attach to 7 failed: the agent did not start there: java.io.IOException: disk full",
        err().strip());
  }
}
