package dev.llmcost.agent.call;

/** The JMX view of {@link TrackingSwitch}: the attribute {@code Paused}, read and written. */
public interface TrackingSwitchMXBean {
  boolean isPaused();

  void setPaused(boolean paused);
}
