package dev.llmcost.agent;

import dev.llmcost.agent.guard.GuardEvents;

/**
 * The guard rails exist from premain, their metrics only once telemetry has started in the
 * background: events before then are dropped (the guards themselves act on every call).
 */
final class LateGuardEvents implements GuardEvents {
  private volatile GuardEvents target = GuardEvents.NONE;

  void deliverTo(GuardEvents events) {
    target = events;
  }

  @Override
  public void rejected(String limit) {
    target.rejected(limit);
  }

  @Override
  public void limitReached(String limit) {
    target.limitReached(limit);
  }
}
