package dev.llmcost.agent.lifecycle;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.io.File;
import java.util.List;

/**
 * {@code java -jar llm-cost-agent.jar list | attach <pid> [key=value,...]}: loads the agent into
 * a running JVM through the Attach API; its already loaded HTTP client classes are retransformed.
 */
public final class AttachCommand {
  private AttachCommand() {}

  public static void run(String[] args) throws Exception {
    if (args.length >= 1 && args[0].equals("list")) {
      list();
    } else if (args.length >= 2 && args[0].equals("attach")) {
      attach(args[1], args.length >= 3 ? args[2] : "");
    } else {
      System.out.println("usage: java -jar llm-cost-agent.jar list");
      System.out.println("       java -jar llm-cost-agent.jar attach <pid> [llmcost.key=value,otel.key=value,...]");
      if (args.length > 0) {
        System.exit(2);
      }
    }
  }

  private static void list() {
    String self = Long.toString(ProcessHandle.current().pid());
    List<VirtualMachineDescriptor> vms = VirtualMachine.list();
    for (VirtualMachineDescriptor vm : vms) {
      if (!vm.id().equals(self)) {
        System.out.println(vm.id() + "\t" + vm.displayName());
      }
    }
  }

  private static void attach(String pid, String options) throws Exception {
    String jar = new File(AttachCommand.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI()).getAbsolutePath();
    VirtualMachine vm = VirtualMachine.attach(pid);
    try {
      vm.loadAgent(jar, options);
    } finally {
      vm.detach();
    }
    System.out.println("[llm-cost-agent] attached to " + pid);
  }
}
