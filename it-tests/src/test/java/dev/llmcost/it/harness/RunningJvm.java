package dev.llmcost.it.harness;

import dev.llmcost.fake.Eventually;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A started child JVM. Closing it kills it if it still runs. */
public final class RunningJvm implements AutoCloseable {

  /** Children still alive when the test JVM exits are killed, so none outlives a build. */
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(RunningJvm::kill), "kill-child-jvms"));
  }

  private final Process process;
  private final List<String> command;
  private final long startedNanos;
  private final OutputCapture stdout;
  private final OutputCapture stderr;
  /** Completed by the JDK's process reaper the moment the child is gone. */
  private final CompletableFuture<Long> exitedNanos;

  RunningJvm(Process process, List<String> command, PrintStream echo) {
    this.process = process;
    this.command = command;
    this.startedNanos = System.nanoTime();
    LIVE.add(process);
    this.exitedNanos = process.onExit().thenApply(p -> {
      LIVE.remove(process);
      return System.nanoTime();
    });
    this.stdout = new OutputCapture(process.getInputStream(), "pid " + process.pid() + " out", echo);
    this.stderr = new OutputCapture(process.getErrorStream(), "pid " + process.pid() + " err", echo);
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public List<String> command() {
    return command;
  }

  /** Standard output so far. */
  public String stdout() {
    return stdout.text();
  }

  public String stderr() {
    return stderr.text();
  }

  /** Waits until stdout contains the text (e.g. a "ready" line the app prints); fails on timeout or early exit. */
  public RunningJvm awaitStdout(String needle, Duration timeout) {
    boolean seen = Eventually.holds(timeout, () -> stdout.text().contains(needle) || !process.isAlive());
    if (!stdout.text().contains(needle)) {
      throw new AssertionError((seen ? "child JVM exited" : "timed out after " + timeout)
          + " before printing '" + needle + "'\n--- stdout ---\n" + stdout() + "\n--- stderr ---\n" + stderr());
    }
    return this;
  }

  /** Writes a line to the child's standard input. */
  public void writeLine(String line) {
    try {
      OutputStream in = process.getOutputStream();
      in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      in.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGTERM: the child's shutdown hooks run, as when an orchestrator stops a service. */
  public void terminate() {
    // Through the handle: Process.destroy() also closes our end of the pipes, losing what the
    // child prints while it shuts down (exactly what a shutdown test wants to read).
    process.toHandle().destroy();
  }

  /** SIGKILL, children included: no shutdown hooks. */
  public void kill() {
    kill(process);
  }

  /** Waits for the exit; past the timeout the JVM is killed and the result says {@code timedOut}. */
  public JvmResult awaitExit(Duration timeout) {
    boolean exited;
    try {
      exited = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exited = false;
    }
    if (!exited) {
      printThreadDump();
      kill();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    stdout.awaitEnd(Duration.ofSeconds(5));
    stderr.awaitEnd(Duration.ofSeconds(5));
    long exitedAt;
    try {
      exitedAt = exitedNanos.get(5, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      exitedAt = System.nanoTime();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exitedAt = System.nanoTime();
    }
    int code = process.isAlive() ? -1 : process.exitValue();
    return new JvmResult(code, stdout(), stderr(), !exited, exitedAt,
        Duration.ofNanos(exitedAt - startedNanos), command);
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }

  /**
   * SIGQUIT: the JVM prints every thread's stack on its stdout, which the result keeps, so a hang
   * says where it hung.
   */
  private void printThreadDump() {
    try {
      new ProcessBuilder("kill", "-QUIT", String.valueOf(process.pid())).start()
          .waitFor(5, TimeUnit.SECONDS);
      Thread.sleep(1000);
    } catch (IOException e) {
      // no kill command: the kill below still ends it
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void kill(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.toHandle().destroyForcibly(); // keeps the pipes open, so the output up to the kill is kept
  }
}
