package dev.llmcost.agent.pricing;

import dev.llmcost.agent.usage.Usage;

/**
 * One model's prices from one table, and the arithmetic that turns a call's tokens into dollars.
 * The four possible source strings are built once, so pricing a call allocates only the Cost.
 */
final class ModelPrice {
  private static final double PER_MILLION = 1_000_000.0;

  private final String key;
  private final Rates rates;
  private final long longContextAbove;
  private final Rates longContext;
  private final Double batchDiscount;
  private final String[] sources = new String[4];

  /**
   * @param key {@code provider/model} as written in the table
   * @param origin the table it came from: {@code bundled 2026-11-23} or {@code file /etc/p.json}
   * @param longContextAbove input-token threshold of the long-context tier; 0 when there is none
   * @param batchDiscount fraction taken off in batch mode; null when the table does not say
   */
  ModelPrice(String key, String origin, Rates rates, long longContextAbove, Rates longContext,
      Double batchDiscount) {
    this.key = key;
    this.rates = rates;
    this.longContextAbove = longContextAbove;
    this.longContext = longContext;
    this.batchDiscount = batchDiscount;
    for (int i = 0; i < sources.length; i++) {
      sources[i] = source(origin, (i & 1) != 0, (i & 2) != 0);
    }
  }

  String key() {
    return key;
  }

  Rates rates() {
    return rates;
  }

  Rates longContext() {
    return longContext;
  }

  Double batchDiscount() {
    return batchDiscount;
  }

  Cost cost(Usage usage, boolean batch) {
    boolean longCall = longContext != null && usage.inputTokens() > longContextAbove;
    Rates r = longCall ? longContext : rates;
    // Batch discounts apply to every token kind alike (OpenAI, Anthropic and Gemini all say so).
    double factor = batch && batchDiscount != null ? 1.0 - batchDiscount : 1.0;
    double input = usage.uncachedInputTokens() * r.input() / PER_MILLION * factor;
    double cacheRead = usage.cacheReadTokens() * r.cacheRead() / PER_MILLION * factor;
    double cacheWrite = (usage.cacheWrite5mTokens() * r.cacheWrite5m()
        + usage.cacheWrite1hTokens() * r.cacheWrite1h()) / PER_MILLION * factor;
    double output = usage.outputTokens() * r.output() / PER_MILLION * factor;
    return new Cost(input, output, cacheRead, cacheWrite,
        sources[(longCall ? 1 : 0) | (batch ? 2 : 0)]);
  }

  private String source(String origin, boolean longCall, boolean batch) {
    StringBuilder s = new StringBuilder(origin).append(' ').append(key);
    if (longCall) {
      s.append(" long-context>").append(longContextAbove);
    }
    if (batch) {
      s.append(batchDiscount != null ? " batch" : " batch-discount-unknown(standard price)");
    }
    return s.toString();
  }
}
