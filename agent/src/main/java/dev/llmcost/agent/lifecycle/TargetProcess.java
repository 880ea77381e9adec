package dev.llmcost.agent.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What can be learnt about a process before attaching to it, without disturbing it. The JDK starts
 * a JVM's attach listener by sending it SIGQUIT, and JDK 17 sends that signal to whatever the pid
 * names: a process that does not handle it (anything but a JVM) is terminated. So the command
 * attaches only to processes that handle SIGQUIT or already have a listener (JVMs run with -Xrs
 * start theirs at once), as JDK 21+ does itself.
 */
final class TargetProcess {
  private static final long SIGQUIT = 1L << (3 - 1); // bit n-1 of /proc/<pid>/status signal masks

  private final long pid;
  private final Path proc;
  private final Path tmp;

  TargetProcess(long pid, Path proc, Path tmp) {
    this.pid = pid;
    this.proc = proc;
    this.tmp = tmp;
  }

  static TargetProcess of(long pid) {
    return new TargetProcess(pid, Path.of("/proc"), Path.of("/tmp"));
  }

  boolean exists() {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  Optional<String> owner() {
    return ProcessHandle.of(pid).flatMap(p -> p.info().user());
  }

  /**
   * False when the process neither handles SIGQUIT nor has an attach listener; true when it does,
   * or when this system has no {@code /proc} to tell (then the JDK decides).
   */
  boolean mayBeSignalledToAttach() {
    String listener = ".java_pid" + pid;
    if (Files.exists(proc.resolve(pid + "/root/tmp").resolve(listener)) || Files.exists(tmp.resolve(listener))) {
      return true; // no signal needed
    }
    List<String> status;
    try {
      status = Files.readAllLines(proc.resolve(pid + "/status"));
    } catch (IOException | RuntimeException e) {
      return true;
    }
    Long caught = mask(status, "SigCgt");
    Long ignored = mask(status, "SigIgn");
    if (caught == null || ignored == null) {
      return true;
    }
    return (caught & SIGQUIT) != 0 && (ignored & SIGQUIT) == 0;
  }

  private static Long mask(List<String> status, String field) {
    for (String line : status) {
      if (line.startsWith(field + ":")) {
        String hex = line.substring(field.length() + 1).trim();
        try {
          // the low 64 bits hold the classic signals; longer masks add real-time ones in front
          return Long.parseUnsignedLong(hex.substring(Math.max(0, hex.length() - 16)), 16);
        } catch (NumberFormatException e) {
          return null;
        }
      }
    }
    return null;
  }
}
