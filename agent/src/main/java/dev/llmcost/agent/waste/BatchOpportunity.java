package dev.llmcost.agent.waste;

/**
 * Consumed calls of a fan-out that a Batch API would have billed for less, and how much less.
 * Credited when a call settles: usually nothing or the call itself, and all the calls of a
 * fan-out settled so far when its size is reached (see {@link BatchCandidates}).
 */
public record BatchOpportunity(int calls, double usd) {
  public static final BatchOpportunity NONE = new BatchOpportunity(0, 0);
}
