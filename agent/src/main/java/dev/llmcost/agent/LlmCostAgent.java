package dev.llmcost.agent;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.util.jar.JarFile;

/**
 * Entry point for {@code -javaagent}, runtime attach and the command line. Kept tiny on purpose:
 * it must not touch a bootstrap type before the bootstrap jar is appended, and it must not
 * initialise logging or NIO (both change the application's own start-up).
 */
public final class LlmCostAgent {
  /**
   * The agent's state in the host JVM ({@code running}, {@code disabled} or {@code failed: ...}),
   * as a system property: the attach command reads it to tell its user what happened.
   */
  public static final String STATE_PROPERTY = "dev.llmcost.agent.state";
  private static final String BOOTSTRAP_JAR = "llmcost-bootstrap.jar.bin";
  private static boolean started;

  private LlmCostAgent() {}

  public static void premain(String args, Instrumentation inst) {
    start(args, inst, false);
  }

  public static void agentmain(String args, Instrumentation inst) {
    start(args, inst, true);
  }

  /** {@code java -jar llm-cost-agent.jar attach <pid> | list}. */
  public static void main(String[] args) throws Exception {
    Class.forName("dev.llmcost.agent.lifecycle.AttachCommand")
        .getMethod("run", String[].class)
        .invoke(null, (Object) args);
  }

  private static synchronized void start(String args, Instrumentation inst, boolean attached) {
    if (started) {
      System.err.println("[llm-cost-agent] INFO already running; second start ignored");
      return;
    }
    started = true;
    loadJrtUrlClasses();
    try {
      inst.appendToBootstrapClassLoaderSearch(new JarFile(extractBootstrapJar()));
      Class.forName("dev.llmcost.agent.AgentInstaller")
          .getMethod("install", String.class, Instrumentation.class, boolean.class)
          .invoke(null, args, inst, attached);
      if (System.getProperty(STATE_PROPERTY) == null) { // AgentInstaller may have said "disabled"
        reportState("running");
      }
    } catch (Throwable t) {
      Throwable cause = t instanceof InvocationTargetException && t.getCause() != null ? t.getCause() : t;
      System.err.println("[llm-cost-agent] ERROR failed to start, the application runs without it: " + cause);
      reportState("failed: " + cause);
    }
  }

  /**
   * The agent's background thread reads the JDK's class files through {@code jrt:} URLs, and so
   * do other agents' transformers. If the first such read happens once another agent (started
   * after this one) has installed its transformer, that transformer runs for the URL classes as
   * they load and reads a class file itself: the JVM sees the same class loaded again on the same
   * thread, throws {@code ClassCircularityError}, and keeps failing every later {@code jrt:} read
   * in the process, both agents' included. Loaded now, before the next agent's premain, they
   * load only once. Loading without initialising costs well under a millisecond (no NIO).
   */
  private static void loadJrtUrlClasses() {
    for (String name : new String[] {"sun.net.www.protocol.jrt.Handler",
        "sun.net.www.protocol.jrt.JavaRuntimeURLConnection",
        "sun.net.www.protocol.jrt.JavaRuntimeURLConnection$1"}) { // loaded by its first connect()
      try {
        Class.forName(name, false, null);
      } catch (Throwable ignored) {
        // a JDK without them has nothing to preload
      }
    }
  }

  static void reportState(String state) {
    try {
      System.setProperty(STATE_PROPERTY, state);
    } catch (Throwable ignored) {
      // a security manager may refuse; the attach command then reports the attach alone
    }
  }

  private static File extractBootstrapJar() throws Exception {
    File file;
    try {
      file = File.createTempFile("llmcost-bootstrap", ".jar");
    } catch (IOException e) {
      throw new IOException("cannot write its bootstrap jar to java.io.tmpdir ("
          + System.getProperty("java.io.tmpdir") + "): " + e.getMessage(), e);
    }
    file.deleteOnExit();
    try (InputStream in = LlmCostAgent.class.getResourceAsStream(BOOTSTRAP_JAR);
        OutputStream out = new FileOutputStream(file)) {
      if (in == null) {
        throw new IllegalStateException(BOOTSTRAP_JAR + " missing from the agent jar");
      }
      in.transferTo(out);
    }
    return file;
  }
}
