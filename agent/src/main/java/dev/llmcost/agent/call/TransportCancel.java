package dev.llmcost.agent.call;

/** Stops one call at its transport (closes the connection or resets the stream). */
@FunctionalInterface
public interface TransportCancel {
  void cancel();
}
