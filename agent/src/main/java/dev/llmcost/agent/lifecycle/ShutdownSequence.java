package dev.llmcost.agent.lifecycle;

import dev.llmcost.agent.AgentLog;
import dev.llmcost.agent.AgentThreads;
import dev.llmcost.bootstrap.InFlight;
import dev.llmcost.bootstrap.InFlightCalls;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * At JVM exit: stop every LLM call still in flight (so the provider stops generating and the
 * application's own shutdown work does not wait on it), report each one, then flush telemetry,
 * all within the grace period.
 */
public final class ShutdownSequence {
  private final boolean cancelInFlight;
  private final long graceMillis;
  private final LongConsumer flushTelemetry;
  private final Runnable report;
  private final BooleanSupplier anyCallSeen;
  private Runnable decideUnreadResults = () -> { };

  /**
   * @param flushTelemetry exports what is pending, waiting at most the milliseconds it is given
   * @param report runs once every call has been reported, before telemetry is flushed
   * @param anyCallSeen false when the run made no LLM call: then the exit does not wait for the
   *     flush (there is nothing of ours to deliver, and the backend may not even be there)
   */
  public ShutdownSequence(boolean cancelInFlight, long graceMillis, LongConsumer flushTelemetry,
      Runnable report, BooleanSupplier anyCallSeen) {
    this.cancelInFlight = cancelInFlight;
    this.graceMillis = graceMillis;
    this.flushTelemetry = flushTelemetry;
    this.report = report;
    this.anyCallSeen = anyCallSeen;
  }

  /**
   * Runs before the calls still tracked are ended: decides the results the application can no
   * longer read but whose calls wait for that decision (finished tasks' futures).
   */
  public ShutdownSequence decidingFirst(Runnable unreadResults) {
    this.decideUnreadResults = unreadResults;
    return this;
  }

  public void register() {
    Thread hook = new Thread(this::run, "llm-cost-agent-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  void run() {
    long deadline = System.currentTimeMillis() + graceMillis;
    try {
      endCallsInFlight(deadline);
    } catch (Throwable t) {
      AgentLog.failure("ending calls at shutdown", t);
    }
    try {
      report.run();
    } catch (Throwable t) {
      AgentLog.failure("the run report", t);
    }
    try {
      flushTelemetry.accept(anyCallSeen.getAsBoolean()
          ? Math.max(200, deadline - System.currentTimeMillis()) : 0);
    } catch (Throwable t) {
      AgentLog.failure("flushing telemetry at exit", t); // e.g. reporting never started
    }
  }

  private void endCallsInFlight(long deadline) throws InterruptedException {
    if (!cancelInFlight) {
      // Answers still arriving may finish; one answered but unread never will, so it is not
      // waited for. Half the grace (at most a second) is kept to report and flush.
      long until = deadline - Math.min(1000, graceMillis / 2);
      while (InFlightCalls.receiving() > 0 && System.currentTimeMillis() < until) {
        Thread.sleep(20);
      }
    }
    try {
      decideUnreadResults.run();
    } catch (Throwable t) {
      AgentLog.failure("deciding unread results at exit", t);
    }
    List<InFlight> calls = InFlightCalls.snapshot();
    AtomicInteger endedByExit = new AtomicInteger();
    if (!calls.isEmpty()) {
      // Ending a call runs the application's code (its future's callbacks, its body subscriber),
      // which may block, or call System.exit and so wait for this very hook: ended on a daemon
      // thread, waited for until the deadline only.
      Thread ending = AgentThreads.daemon(() -> end(calls, endedByExit), "llm-cost-agent-exit-calls");
      ending.start();
      ending.join(Math.max(1, deadline - 200 - System.currentTimeMillis()));
      if (ending.isAlive()) {
        AgentLog.warn("ending LLM calls at exit is held up by the application's code (a callback "
            + "of a call ended at exit); not waiting for it");
      }
    }
    if (endedByExit.get() > 0) {
      AgentLog.info(endedByExit.get() + " LLM call(s) unfinished or unread at exit were "
          + (cancelInFlight ? "cancelled or reported abandoned" : "reported abandoned"));
    }
    // Calls that ended just before the exit may still be on their way to the report (priced on
    // the thread that ended them): wait for those too, leaving time for the flush.
    while (InFlightCalls.size() > 0 && System.currentTimeMillis() < deadline - 200) {
      Thread.sleep(10);
    }
  }

  /** Ends each call; counts those whose outcome the exit decided (not those already on their way). */
  private void end(List<InFlight> calls, AtomicInteger endedByExit) {
    for (InFlight call : calls) {
      try {
        if (cancelInFlight ? call.cancelAtShutdown() : call.abandonAtExit()) {
          endedByExit.incrementAndGet();
        }
      } catch (Throwable t) {
        AgentLog.failure("ending a call at exit", t);
      }
    }
  }
}
