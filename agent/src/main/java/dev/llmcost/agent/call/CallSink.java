package dev.llmcost.agent.call;

/** Receives each call once, when its outcome is known. */
@FunctionalInterface
public interface CallSink {
  Runnable NOTHING = () -> {};

  void settled(CallRecord record);

  /**
   * Settles a call in two steps: now, what the application's next call may depend on (its spend
   * toward a budget, the run report); in the returned task, the rest (span, metrics), which a
   * transport runs once it has handed the result to the application, off that critical path.
   */
  default Runnable accountNowReportLater(CallRecord record) {
    settled(record);
    return NOTHING;
  }
}
