package dev.llmcost.agent.http.jdk;

import dev.llmcost.agent.AgentThreads;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Ends the agent's reading of a body nobody reads any more once its time is up, even if no byte
 * comes to notice it. One daemon thread, started when first needed.
 */
final class DrainDeadlines {
  private DrainDeadlines() {}

  private static final class Timer {
    static final ScheduledThreadPoolExecutor EXECUTOR = create();

    private static ScheduledThreadPoolExecutor create() {
      ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
          task -> AgentThreads.daemon(task, "llm-cost-agent-jdk-drain-deadline"));
      executor.setRemoveOnCancelPolicy(true); // a drain that ends in time leaves nothing queued
      return executor;
    }
  }

  static ScheduledFuture<?> after(long millis, Runnable action) {
    return Timer.EXECUTOR.schedule(action, millis, TimeUnit.MILLISECONDS);
  }
}
