package dev.llmcost.agent.report;

import dev.llmcost.agent.AgentLog;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Prints the run report every {@code llmcost.report.interval_s} seconds, on one daemon thread,
 * when calls were made since the last time: a long-running service shows its spend without
 * waiting for the exit.
 */
public final class PeriodicReport {
  private final RunReport report;
  private long callsLastPrinted;

  PeriodicReport(RunReport report) {
    this.report = report;
  }

  /** Starts printing; nothing when {@code intervalSeconds} is 0. */
  public static void start(RunReport report, long intervalSeconds) {
    if (intervalSeconds <= 0) {
      return;
    }
    PeriodicReport periodic = new PeriodicReport(report);
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "llm-cost-agent-report");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleAtFixedRate(periodic::printIfNew, intervalSeconds, intervalSeconds,
        TimeUnit.SECONDS);
  }

  void printIfNew() {
    try {
      long calls = report.total().calls();
      if (calls > callsLastPrinted) {
        callsLastPrinted = calls;
        report.lines().forEach(AgentLog::info);
      }
    } catch (Throwable t) {
      AgentLog.failure("the periodic run report", t);
    }
  }
}
