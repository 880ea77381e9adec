package dev.llmcost.it.harness;

import dev.llmcost.fake.ConnectionRecord;

import java.time.Duration;
import java.util.List;

/**
 * How a child JVM ended.
 *
 * @param exitCode    the process exit code (137 and the like when it was killed)
 * @param timedOut    true when the harness killed it for running past its timeout
 * @param exitedNanos {@link System#nanoTime()} when the exit was observed, to compare with
 *                    {@link ConnectionRecord#closedNanos()}
 */
public record JvmResult(int exitCode, String stdout, String stderr, boolean timedOut, long exitedNanos,
    Duration elapsed, List<String> command) {

  /** Fails with the full output unless the JVM exited 0 on its own. */
  public JvmResult assertSuccess() {
    if (timedOut || exitCode != 0) {
      throw new AssertionError(describe());
    }
    return this;
  }

  public String describe() {
    return (timedOut ? "child JVM timed out and was killed" : "child JVM exited with " + exitCode)
        + " after " + elapsed.toMillis() + " ms\ncommand: " + String.join(" ", command)
        + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
  }
}
