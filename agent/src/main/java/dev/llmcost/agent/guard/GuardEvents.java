package dev.llmcost.agent.guard;

/** What the guard rails report; telemetry turns these into metric events. */
public interface GuardEvents {
  GuardEvents NONE = new GuardEvents() {
    @Override
    public void rejected(String limit) {}

    @Override
    public void limitReached(String limit) {}
  };

  /** A call refused before it was sent, by the named setting. */
  void rejected(String limit);

  /** A soft budget, hard budget or alert threshold was crossed (once per crossing). */
  void limitReached(String limit);
}
