package dev.llmcost.it.apps;

import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** How many calls the agent has settled, from its run report's MXBean, as an operator reads it. */
final class SettledCalls {
  private SettledCalls() {}

  /**
   * Collects garbage, as a running service would, until the run report counts {@code calls}
   * settled calls, or 10 s pass; returns the count. The futures the application dropped are
   * judged when collected, while the JVM runs.
   */
  static long whileCollecting(long calls) throws Exception {
    return await(calls, 10_000, true);
  }

  /** The count once it reaches {@code calls}, or after {@code millis}; nothing is collected. */
  static long within(long calls, long millis) throws Exception {
    return await(calls, millis, false);
  }

  private static long await(long calls, long millis, boolean collect) throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName report = new ObjectName("dev.llmcost:type=RunReport");
    long settled = 0;
    long end = System.nanoTime() + millis * 1_000_000;
    while (true) {
      if (collect) {
        System.gc();
      }
      if (server.isRegistered(report)) {
        settled = (Long) server.getAttribute(report, "Calls");
      }
      if (settled >= calls || System.nanoTime() - end >= 0) {
        return settled;
      }
      Thread.sleep(collect ? 100 : 50);
    }
  }
}
