package dev.llmcost.agent.call;

import dev.llmcost.agent.pricing.Cost;
import dev.llmcost.agent.usage.Usage;

/**
 * A settled call with its billed usage and cost: what telemetry reports.
 *
 * @param usage null when nothing about the tokens is known (e.g. failed before any response)
 * @param cost null when the model has no price or usage is unknown
 * @param wasteUsd the cost of a result the application never used; 0 for consumed calls
 * @param duplicate the same request was answered successfully a short while before
 */
public record PricedCall(CallRecord record, Usage usage, Cost cost, double wasteUsd,
    boolean duplicate) {}
