package dev.llmcost.agent.call;

import dev.llmcost.agent.pricing.Cost;
import dev.llmcost.agent.pricing.PriceBook;
import dev.llmcost.agent.provider.BatchResults;
import dev.llmcost.agent.usage.Usage;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prices a batch's results file: each request at its model's batch rates, summed. Request by
 * request, because a long-context rate applies to a request whose own input passes the model's
 * threshold: a file of many small requests is not one long one.
 */
final class BatchPricing {
  private BatchPricing() {}

  /** Null when no model of the file has a price; models without one are left out (and logged). */
  static Cost cost(PriceBook prices, String provider, BatchResults results) {
    double input = 0;
    double output = 0;
    double cacheRead = 0;
    double cacheWrite = 0;
    Set<String> sources = new LinkedHashSet<>();
    for (Map.Entry<String, List<Usage>> e : results.requestsByModel().entrySet()) {
      for (Usage request : e.getValue()) {
        Cost c = prices.price(provider, e.getKey(), request, true);
        if (c == null) {
          break; // the model has no price: its other requests have none either
        }
        input += c.inputUsd();
        output += c.outputUsd();
        cacheRead += c.cacheReadUsd();
        cacheWrite += c.cacheWriteUsd();
        sources.add(c.source());
      }
    }
    return sources.isEmpty() ? null
        : new Cost(input, output, cacheRead, cacheWrite, String.join("; ", sources));
  }
}
