package dev.llmcost.agent.call;

import dev.llmcost.agent.pricing.Cost;
import dev.llmcost.agent.pricing.PriceBook;
import dev.llmcost.agent.provider.BatchResults;
import dev.llmcost.agent.usage.Usage;
import java.util.Map;

/** Prices a batch's results file: each model's tokens at that model's batch rates, summed. */
final class BatchPricing {
  private BatchPricing() {}

  /** Null when no model of the file has a price; models without one are left out (and logged). */
  static Cost cost(PriceBook prices, String provider, BatchResults results) {
    double input = 0;
    double output = 0;
    double cacheRead = 0;
    double cacheWrite = 0;
    StringBuilder sources = new StringBuilder();
    for (Map.Entry<String, Usage> e : results.usageByModel().entrySet()) {
      Cost c = prices.price(provider, e.getKey(), e.getValue(), true);
      if (c == null) {
        continue;
      }
      input += c.inputUsd();
      output += c.outputUsd();
      cacheRead += c.cacheReadUsd();
      cacheWrite += c.cacheWriteUsd();
      sources.append(sources.length() == 0 ? "" : "; ").append(c.source());
    }
    return sources.length() == 0 ? null
        : new Cost(input, output, cacheRead, cacheWrite, sources.toString());
  }
}
