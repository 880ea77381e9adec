package dev.llmcost.agent.lifecycle;

import java.io.File;
import java.io.PrintStream;

/**
 * {@code java -jar llm-cost-agent.jar list | attach <pid> [key=value,...] | pause <pid> |
 * resume <pid> | report <pid> [json]}: loads the agent into a running JVM through the Attach API
 * (its already loaded HTTP client classes are retransformed), pauses and resumes the tracking of
 * the agent running there, or prints its run report so far. Every failure is one line; the exit
 * code says which kind it was.
 */
public final class AttachCommand {
  static final int OK = 0;
  /** No such process, not a JVM, attach refused, or the agent did not start. */
  static final int FAILED = 1;
  static final int USAGE = 2;
  /** This Java runtime has no jdk.attach module (a JRE, or a jlink image without it). */
  static final int NO_ATTACH_MODULE = 3;

  private static final String PREFIX = "[llm-cost-agent] ";

  private final PrintStream out;
  private final PrintStream err;
  private final boolean attachModulePresent;

  AttachCommand(PrintStream out, PrintStream err, boolean attachModulePresent) {
    this.out = out;
    this.err = err;
    this.attachModulePresent = attachModulePresent;
  }

  public static void run(String[] args) {
    boolean attachModule = ModuleLayer.boot().findModule("jdk.attach").isPresent();
    int code = new AttachCommand(System.out, System.err, attachModule).execute(args);
    if (code != OK) {
      System.exit(code);
    }
  }

  int execute(String[] args) {
    try {
      if (args.length == 0 || (args.length == 1 && (args[0].equals("help") || args[0].equals("--help")))) {
        usage(out);
        return OK;
      }
      if (args.length == 1 && args[0].equals("list")) {
        return list();
      }
      if (args[0].equals("attach") && (args.length == 2 || args.length == 3)) {
        return attach(args[1], args.length == 3 ? args[2] : "");
      }
      if ((args[0].equals("pause") || args[0].equals("resume")) && args.length == 2) {
        return tracking(args[0], args[1]);
      }
      if (args[0].equals("report") && (args.length == 2 || (args.length == 3 && args[2].equals("json")))) {
        return printReport(args[1], args.length == 3 ? "Json" : "Table");
      }
      usage(err);
      return USAGE;
    } catch (Throwable t) {
      err.println(PREFIX + "ERROR " + t);
      return FAILED;
    }
  }

  private int list() {
    if (!attachModulePresent) {
      return noAttachModule();
    }
    JvmAttacher.list().forEach(out::println);
    return OK;
  }

  private int attach(String pidText, String options) throws Exception {
    long pid = pid(pidText);
    int refused = checkTarget(pidText, pid);
    if (refused != OK) {
      return refused;
    }
    TargetProcess target = TargetProcess.of(pid);
    String jar = thisJar();
    JvmAttacher.Outcome outcome;
    try {
      outcome = JvmAttacher.loadAgent(Long.toString(pid), jar, options);
    } catch (AttachFailure e) {
      String owner = target.owner().orElse(null);
      boolean otherUser = owner != null && !owner.equals(System.getProperty("user.name"));
      return failed(pid, e.getMessage() + (otherUser ? " [the JVM runs as " + owner + "]" : ""));
    }
    return report(pid, outcome, options);
  }

  /** {@code pause} or {@code resume}: the agent already running in the JVM steps aside or back. */
  private int tracking(String command, String pidText) {
    long pid = pid(pidText);
    int refused = checkTarget(pidText, pid);
    if (refused != OK) {
      return refused;
    }
    boolean pause = command.equals("pause");
    try {
      if (JvmAttacher.setPaused(Long.toString(pid), pause) != pause) {
        err.println(PREFIX + "ERROR " + command + " in " + pid + " failed: the agent there did not"
            + " change (see its standard error)");
        return FAILED;
      }
    } catch (AttachFailure e) {
      err.println(PREFIX + "ERROR " + command + " in " + pid + " failed: " + e.getMessage());
      return FAILED;
    }
    out.println(PREFIX + (pause
        ? "tracking paused in " + pid + ": its LLM calls pass untracked until `resume " + pid + "`"
        : "tracking resumed in " + pid));
    return OK;
  }

  /** The run report of the agent running in the JVM, as its MXBean's {@code attribute} has it. */
  private int printReport(String pidText, String attribute) {
    long pid = pid(pidText);
    int refused = checkTarget(pidText, pid);
    if (refused != OK) {
      return refused;
    }
    try {
      out.println(JvmAttacher.readReport(Long.toString(pid), attribute));
      return OK;
    } catch (AttachFailure e) {
      err.println(PREFIX + "ERROR report of " + pid + " failed: " + e.getMessage());
      return FAILED;
    }
  }

  /** USAGE for a bad pid, NO_ATTACH_MODULE, FAILED for a process that cannot be attached, else OK. */
  private int checkTarget(String pidText, long pid) {
    if (pid <= 0 || pid > Integer.MAX_VALUE) {
      err.println(PREFIX + "ERROR '" + pidText + "' is not a process id");
      return USAGE;
    }
    if (!attachModulePresent) {
      return noAttachModule();
    }
    TargetProcess target = TargetProcess.of(pid);
    if (!target.exists()) {
      return failed(pid, "no such process");
    }
    if (!target.mayBeSignalledToAttach()) {
      return failed(pid, "it is not a JVM that can be attached: it does not handle SIGQUIT, the signal"
          + " that starts a JVM's attach listener and that would stop this process");
    }
    return OK;
  }

  private static long pid(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String thisJar() throws Exception {
    return new File(AttachCommand.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI()).getAbsolutePath();
  }

  int report(long pid, JvmAttacher.Outcome outcome, String options) {
    String state = outcome.state();
    if (state != null && state.startsWith("failed")) {
      String cause = state.replaceFirst("^failed:\\s*", "");
      return failed(pid, outcome.loadedNow() ? "the agent did not start there: " + cause
          : "the agent was loaded there before and did not start (" + cause + "); a JVM loads it once");
    }
    if (!outcome.loadedNow()) {
      out.println(PREFIX + "the agent is already loaded in " + pid + " (" + state + "); nothing changed"
          + (options.isBlank() ? "" : ", the settings given now were not applied"));
    } else if ("disabled".equals(state)) {
      out.println(PREFIX + "attached to " + pid + ", where the agent is disabled (llmcost.enabled=false)");
    } else {
      out.println(PREFIX + "attached to " + pid + (state == null ? "" : "; the agent is " + state));
    }
    return OK;
  }

  private int failed(long pid, String why) {
    err.println(PREFIX + "ERROR attach to " + pid + " failed: " + why);
    return FAILED;
  }

  private int noAttachModule() {
    err.println(PREFIX + "ERROR this Java runtime (" + System.getProperty("java.home") + ") has no jdk.attach"
        + " module; run the command with the java of a full JDK, version 17 or newer");
    return NO_ATTACH_MODULE;
  }

  private static void usage(PrintStream to) {
    to.println("usage: java -jar llm-cost-agent.jar list");
    to.println("       java -jar llm-cost-agent.jar attach <pid> [llmcost.key=value,otel.key=value,...]");
    to.println("       java -jar llm-cost-agent.jar pause <pid> | resume <pid> | report <pid> [json]");
    to.println("list shows the JVMs this user runs (not those started with -XX:-UsePerfData, which can");
    to.println("still be attached by pid). Exit codes: 0 done, 1 could not attach, 2 usage,");
    to.println("3 this Java runtime has no jdk.attach module. pause and resume stop and restart the tracking");
    to.println("of the agent running in that JVM (loaded with -javaagent or attached), without a restart;");
    to.println("report prints its run report so far. These three go through the JVM's local JMX connector");
    to.println("and need the agent's MXBeans, published at its first LLM call.");
  }
}
