package dev.llmcost.agent.usage;

import dev.llmcost.agent.AgentThreads;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread that counts tokens the agent will need later, so that no application thread
 * waits for a tokenizer: a first vocabulary read takes half a second, a long prompt milliseconds.
 * Started when there is something to count, gone when idle; a count that finds it busy is
 * refused, and made where it is needed, if at all.
 */
public final class TokenCountingThread {
  /** Counts waiting; past this many a count is refused. */
  static final int MAX_WAITING = 64;
  private static final ThreadPoolExecutor EXECUTOR = start();

  private TokenCountingThread() {}

  /** Runs {@code count} on the counting thread; false when it is too busy to take it. */
  public static boolean offer(Runnable count) {
    try {
      EXECUTOR.execute(count);
      return true;
    } catch (RejectedExecutionException busy) {
      return false;
    }
  }

  /** Waits until the counts offered so far are done (tests). */
  public static void awaitIdle() throws Exception {
    EXECUTOR.submit(() -> { }).get(10, TimeUnit.SECONDS);
  }

  private static ThreadPoolExecutor start() {
    // started from whichever thread ended or started a call, often an application's
    return AgentThreads.oneWhileBusy("llm-cost-agent-tokenizer",
        new ArrayBlockingQueue<>(MAX_WAITING));
  }
}
