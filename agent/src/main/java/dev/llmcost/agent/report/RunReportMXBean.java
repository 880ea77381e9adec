package dev.llmcost.agent.report;

/** The run report on demand, as {@code dev.llmcost:type=RunReport} in the platform MBean server. */
public interface RunReportMXBean {
  long getCalls();

  double getCostUsd();

  double getWasteUsd();

  double getCacheHitRatio();

  long getInputTokens();

  long getOutputTokens();

  long getCachedTokens();

  /** The table the agent prints at exit, one row per line. */
  String getTable();

  /** The same figures as the {@code llmcost.report.file} JSON. */
  String getJson();

  /** Prints the table to the agent's log now. */
  void logReport();
}
