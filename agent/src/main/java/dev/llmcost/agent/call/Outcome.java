package dev.llmcost.agent.call;

/** How a call ended, from the application's point of view: value of {@code llmcost.outcome}. */
public enum Outcome {
  CONSUMED("consumed"),
  STREAM_CLOSED_EARLY("stream_closed_early"),
  CANCELLED("cancelled"),
  ABANDONED("abandoned"),
  CANCELLED_AT_SHUTDOWN("cancelled_at_shutdown"),
  FAILED("failed");

  private final String value;

  Outcome(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }
}
