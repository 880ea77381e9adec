package dev.llmcost.it.harness;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the agent jar's command line, {@code java -jar llm-cost-agent.jar list | attach ...}, as a
 * separate process (a JVM cannot attach to itself by default), with the same clean environment as
 * {@link AgentJvm}.
 */
public final class AgentCli {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Jdk jdk;
  private final List<String> jvmArgs = new ArrayList<>();

  private AgentCli(Jdk jdk) {
    this.jdk = jdk;
  }

  public static AgentCli on(Jdk jdk) {
    return new AgentCli(jdk);
  }

  /** Options for the command's own JVM, e.g. {@code --limit-modules ...}. */
  public AgentCli jvmArgs(String... args) {
    jvmArgs.addAll(List.of(args));
    return this;
  }

  /** Runs the command to its end (killed past 30 s). */
  public JvmResult run(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(jdk.javaExecutable().toString());
    cmd.addAll(jvmArgs);
    cmd.add("-jar");
    cmd.add(AgentJvm.builtAgentJar().toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> inherited = new HashMap<>(pb.environment());
    pb.environment().clear();
    for (String name : List.of("PATH", "HOME", "USER", "LANG", "LC_ALL", "TZ", "TMPDIR")) {
      if (inherited.containsKey(name)) {
        pb.environment().put(name, inherited.get(name));
      }
    }
    PrintStream echo = Boolean.getBoolean("llmcost.it.echo") ? System.out : null;
    try (RunningJvm jvm = new RunningJvm(pb.start(), cmd, echo)) {
      return jvm.awaitExit(TIMEOUT);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + cmd, e);
    }
  }
}
