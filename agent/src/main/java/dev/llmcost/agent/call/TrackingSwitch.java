package dev.llmcost.agent.call;

import dev.llmcost.agent.AgentLog;

/**
 * Pauses and resumes tracking while the application runs, without a restart: an operator's way
 * to take the agent off the request path (or to measure what it costs there, in one JVM). While
 * paused, every request is treated as not an LLM call: no call site, no body read, no guard
 * rail, no span. Calls already in flight finish and are reported as usual.
 */
public final class TrackingSwitch implements TrackingSwitchMXBean {
  public static final String NAME = "dev.llmcost:type=Tracking";

  private volatile boolean paused;

  @Override
  public boolean isPaused() {
    return paused;
  }

  @Override
  public void setPaused(boolean paused) {
    if (this.paused == paused) {
      return;
    }
    this.paused = paused;
    AgentLog.info(paused
        ? "tracking paused: new LLM calls are not tracked, limited or reported until it is resumed"
        : "tracking resumed");
  }
}
