package dev.llmcost.agent.call;

/** Receives each call once, when its outcome is known. */
@FunctionalInterface
public interface CallSink {
  void settled(CallRecord record);
}
