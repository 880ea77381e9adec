package dev.llmcost.agent.call;

/**
 * Learns what the application did with a result: read it, or dropped the object that carried it
 * unread. One {@link LlmCall}, or a {@link SharedResult} fed by several calls. Only the first
 * answer counts.
 */
public interface ResultUse {
  void markConsumed();

  void markAbandoned();
}
