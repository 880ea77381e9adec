package dev.llmcost.agent.pricing;

/**
 * What one call cost, in US dollars, split by what was billed.
 *
 * @param source which price table entry was used, e.g. "bundled 2026-11-01 openai/gpt-4o"
 */
public record Cost(
    double inputUsd, double outputUsd, double cacheReadUsd, double cacheWriteUsd, String source) {

  public double totalUsd() {
    return inputUsd + outputUsd + cacheReadUsd + cacheWriteUsd;
  }
}
