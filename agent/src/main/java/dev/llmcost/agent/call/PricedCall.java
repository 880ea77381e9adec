package dev.llmcost.agent.call;

import dev.llmcost.agent.pricing.Cost;
import dev.llmcost.agent.usage.Usage;
import dev.llmcost.agent.waste.BatchOpportunity;

/**
 * A settled call with its billed usage and cost: what telemetry reports.
 *
 * @param usage null when nothing about the tokens is known (e.g. failed before any response)
 * @param cost null when the model has no price or usage is unknown
 * @param wasteUsd the cost of a result the application never used; 0 for consumed calls
 * @param duplicate the same request was answered successfully a short while before
 * @param retry the same request failed a short while before (429, 5xx, timeout)
 * @param cachingOpportunityUsd what reading this call's repeated prompt prefix from the
 *     provider's cache would have saved; 0 when there is nothing to save
 * @param billedModel the model the call was billed as (see {@code CallReporter}), or null
 * @param batchOpportunity consumed calls of a fan-out (this one, or with the fan-out's first
 *     calls when this one completes it) that a Batch API would have billed for less
 */
public record PricedCall(CallRecord record, Usage usage, Cost cost, double wasteUsd,
    boolean duplicate, boolean retry, double cachingOpportunityUsd, String billedModel,
    BatchOpportunity batchOpportunity) {

  public PricedCall(CallRecord record, Usage usage, Cost cost, double wasteUsd,
      boolean duplicate, boolean retry, double cachingOpportunityUsd, String billedModel) {
    this(record, usage, cost, wasteUsd, duplicate, retry, cachingOpportunityUsd, billedModel,
        BatchOpportunity.NONE);
  }

  /** Billed as the model the answer names, else the one requested. */
  public PricedCall(CallRecord record, Usage usage, Cost cost, double wasteUsd,
      boolean duplicate, boolean retry, double cachingOpportunityUsd) {
    this(record, usage, cost, wasteUsd, duplicate, retry, cachingOpportunityUsd,
        answeredElseRequested(record));
  }

  /** The model the answer names, else the one requested (null when neither says). */
  static String answeredElseRequested(CallRecord record) {
    return record.response() != null && record.response().model != null
        ? record.response().model : record.model();
  }

  public PricedCall(CallRecord record, Usage usage, Cost cost, double wasteUsd,
      boolean duplicate) {
    this(record, usage, cost, wasteUsd, duplicate, false, 0);
  }

  public double costUsd() {
    return cost == null ? 0 : cost.totalUsd();
  }
}
