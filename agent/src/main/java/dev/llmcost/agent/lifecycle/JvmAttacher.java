package dev.llmcost.agent.lifecycle;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import dev.llmcost.agent.LlmCostAgent;
import dev.llmcost.agent.call.TrackingSwitch;
import dev.llmcost.agent.report.RunReportJmx;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.management.Attribute;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The JDK's Attach API ({@code jdk.attach}), apart from {@link AttachCommand} so that the command
 * can first check that this Java runtime has the module at all. Every failure becomes an
 * {@link AttachFailure} with one line that says what happened.
 */
final class JvmAttacher {
  /** The oldest Java the agent's classes run on. */
  private static final int MIN_JAVA = 17;

  private JvmAttacher() {}

  /** {@code pid<TAB>display name} of every JVM this user can see, but this one. */
  static List<String> list() {
    String self = Long.toString(ProcessHandle.current().pid());
    List<String> lines = new ArrayList<>();
    for (VirtualMachineDescriptor vm : VirtualMachine.list()) {
      if (!vm.id().equals(self)) {
        lines.add(vm.id() + "\t" + vm.displayName());
      }
    }
    return lines;
  }

  /**
   * The agent's state in the target ({@link LlmCostAgent#STATE_PROPERTY}, null if unknown), and
   * whether this attach loaded it.
   */
  record Outcome(boolean loadedNow, String state) {}

  /**
   * Loads the agent jar into the JVM, unless the agent is already there (loading it again would
   * change nothing, and would append the jar to the class path a second time).
   */
  static Outcome loadAgent(String pid, String jar, String options) throws AttachFailure {
    return attached(pid, vm -> {
      try {
        Properties before = vm.getSystemProperties();
        String version = before.getProperty("java.specification.version", "");
        if (featureVersion(version) < MIN_JAVA) {
          throw new AttachFailure("it runs Java " + version + "; the agent needs Java " + MIN_JAVA + " or newer");
        }
        if (before.getProperty(LlmCostAgent.STATE_PROPERTY) != null) {
          return new Outcome(false, before.getProperty(LlmCostAgent.STATE_PROPERTY));
        }
        vm.loadAgent(jar, options);
        return new Outcome(true, stateAfterLoad(vm));
      } catch (AgentLoadException e) {
        if (message(e).contains("Dynamic agent loading is not enabled")) { // JDK 21+, -XX:-EnableDynamicAgentLoading
          throw new AttachFailure("it refuses agents loaded at run time (it runs with -XX:-EnableDynamicAgentLoading)");
        }
        throw new AttachFailure("it did not load the agent: " + message(e));
      } catch (AgentInitializationException e) {
        throw new AttachFailure("the agent failed to start in it (see its standard error): " + message(e));
      } catch (IOException | RuntimeException e) {
        throw new AttachFailure("the connection to it failed: " + message(e));
      }
    });
  }

  /**
   * An attribute of the run report's MXBean in the JVM ({@code Table} or {@code Json}), read
   * through its local JMX connector (started there if it is not yet, as JConsole does).
   */
  static String readReport(String pid, String attribute) throws AttachFailure {
    return withAgentMBeans(pid, RunReportJmx.NAME, "its run report could not be read",
        (server, name) -> String.valueOf(server.getAttribute(name, attribute)));
  }

  /**
   * Pauses or resumes the tracking of the agent in the JVM through its MXBean, the way a JMX
   * client would (loading the agent jar again to carry the command would make JDK 21+ print its
   * warning about agents loaded at run time every time); returns whether it is paused now.
   */
  static boolean setPaused(String pid, boolean paused) throws AttachFailure {
    return withAgentMBeans(pid, TrackingSwitch.NAME, "its tracking could not be switched",
        (server, name) -> {
          server.setAttribute(name, new Attribute("Paused", paused));
          return (Boolean) server.getAttribute(name, "Paused");
        });
  }

  /** What is read or done through one of the agent's MXBeans. */
  private interface MBeanAction<T> {
    T run(MBeanServerConnection server, ObjectName name) throws Exception;
  }

  private static <T> T withAgentMBeans(String pid, String objectName, String failure,
      MBeanAction<T> action) throws AttachFailure {
    return attached(pid, vm -> {
      try {
        String state = vm.getSystemProperties().getProperty(LlmCostAgent.STATE_PROPERTY);
        if (state == null) {
          throw new AttachFailure("the agent is not loaded there (attach it first)");
        }
        String address = vm.startLocalManagementAgent();
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
          MBeanServerConnection server = connector.getMBeanServerConnection();
          ObjectName name = new ObjectName(objectName);
          if (!server.isRegistered(name)) {
            throw new AttachFailure("the agent there (" + state + ") has not published " + objectName
                + " yet: it does so at the first LLM call, unless llmcost.report.jmx=false");
          }
          return action.run(server, name);
        }
      } catch (AttachFailure e) {
        throw e;
      } catch (Exception e) {
        throw new AttachFailure(failure + ": " + message(e));
      }
    });
  }

  /** What is done in an attached JVM; the JVM is detached after, whatever happened. */
  private interface AttachedAction<T> {
    T run(VirtualMachine vm) throws AttachFailure;
  }

  private static <T> T attached(String pid, AttachedAction<T> action) throws AttachFailure {
    VirtualMachine vm;
    try {
      vm = VirtualMachine.attach(pid);
    } catch (AttachNotSupportedException | IOException | RuntimeException e) {
      throw new AttachFailure(attachProblem(e));
    }
    try {
      return action.run(vm);
    } finally {
      try {
        vm.detach();
      } catch (IOException ignored) {
        // what was done is done; detaching cannot change it
      }
    }
  }

  private static String stateAfterLoad(VirtualMachine vm) {
    try {
      return vm.getSystemProperties().getProperty(LlmCostAgent.STATE_PROPERTY);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The JDK's reason, with the likely cause when its words are known. */
  private static String attachProblem(Exception e) {
    String m = message(e);
    if (m.contains("does not support the attach mechanism")) {
      return "it does not allow attaching (it runs with -XX:+DisableAttachMechanism)";
    }
    if (m.contains("doesn't respond") || m.contains("not responding")) {
      return m + " (a JVM run with -XX:+DisableAttachMechanism, or not a HotSpot JVM)";
    }
    if (m.contains("Can not attach to current VM")) {
      return "a JVM cannot attach to itself";
    }
    if (m.contains("ermission denied") || m.contains("not secure") || m.contains("owned by")) {
      return "not permitted: " + m + " (run this command as the user that runs the JVM)";
    }
    return m;
  }

  private static String message(Throwable t) {
    String m = t.getMessage();
    return m == null || m.isBlank() ? t.getClass().getSimpleName() : m.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  static int featureVersion(String specificationVersion) {
    try {
      String[] parts = specificationVersion.split("\\.");
      int first = Integer.parseInt(parts[0]);
      return first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first;
    } catch (RuntimeException e) {
      return Integer.MAX_VALUE; // unknown: let the JVM decide
    }
  }
}
