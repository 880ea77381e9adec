package dev.llmcost.agent.report;

import dev.llmcost.agent.call.Outcome;
import dev.llmcost.agent.call.PricedCall;
import dev.llmcost.agent.usage.Usage;
import java.util.EnumMap;
import java.util.Map;

/** Running totals for one row of the run report (a model, a call site, or the whole run). */
public final class RunTotals {
  long calls;
  long inputTokens;
  long outputTokens;
  long cachedTokens;
  long cacheWriteTokens;
  long estimatedCalls;
  long unpricedCalls;
  long duplicateCalls;
  double duplicateUsd;
  long failedCalls;
  double failedUsd;
  /** Results the application never used (abandoned, cancelled, closed early): not failures. */
  long unusedCalls;
  double unusedUsd;
  long retriedCalls;
  double retriedUsd;
  long cachingCalls;
  double cachingUsd;
  /** Consumed calls fired side by side that a Batch API would have billed for less. */
  long batchCalls;
  double batchUsd;
  double costUsd;
  double outputUsd;
  double wasteUsd;
  long firstStartNanos = Long.MAX_VALUE;
  long lastEndNanos = Long.MIN_VALUE;
  final Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);

  synchronized void add(PricedCall call) {
    calls++;
    Usage u = call.usage();
    if (u != null) {
      inputTokens += u.inputTokens();
      outputTokens += u.outputTokens();
      cachedTokens += u.cacheReadTokens();
      cacheWriteTokens += u.cacheWriteTokens();
      if (u.estimated()) {
        estimatedCalls++;
      }
    }
    if (call.cost() != null) {
      costUsd += call.cost().totalUsd();
      outputUsd += call.cost().outputUsd();
    } else if (u != null) {
      unpricedCalls++;
    }
    wasteUsd += call.wasteUsd();
    if (call.duplicate()) {
      duplicateCalls++;
      duplicateUsd += call.costUsd();
    }
    Outcome outcome = call.record().outcome();
    if (outcome == Outcome.FAILED) {
      failedCalls++;
      failedUsd += call.costUsd();
    } else if (outcome != Outcome.CONSUMED) {
      unusedCalls++;
      unusedUsd += call.wasteUsd();
    }
    if (call.retry()) {
      retriedCalls++;
      retriedUsd += call.costUsd();
    }
    if (call.cachingOpportunityUsd() > 0) {
      cachingCalls++;
      cachingUsd += call.cachingOpportunityUsd();
    }
    batchCalls += call.batchOpportunity().calls();
    batchUsd += call.batchOpportunity().usd();
    firstStartNanos = Math.min(firstStartNanos, call.record().startEpochNanos());
    lastEndNanos = Math.max(lastEndNanos, call.record().endEpochNanos());
    outcomes.merge(call.record().outcome(), 1L, Long::sum);
  }

  /** Share of input tokens served from the provider's prompt cache. */
  synchronized double cacheHitRatio() {
    return inputTokens == 0 ? 0 : (double) cachedTokens / inputTokens;
  }

  synchronized long notConsumed() {
    return calls - outcomes.getOrDefault(Outcome.CONSUMED, 0L);
  }

  /** Mean output tokens per call that reported any usage. */
  synchronized double meanOutputTokens() {
    return calls == 0 ? 0 : (double) outputTokens / calls;
  }

  /** What one million output tokens cost on this row, as billed; 0 when unknown. */
  synchronized double outputUsdPerMillion() {
    return outputTokens == 0 ? 0 : outputUsd / outputTokens * 1e6;
  }

  /** Seconds from the first call's start to the last call's end; 0 before any call. */
  synchronized double observedSeconds() {
    return calls == 0 ? 0 : Math.max(0, lastEndNanos - firstStartNanos) / 1e9;
  }

  public synchronized long calls() {
    return calls;
  }

  public synchronized double costUsd() {
    return costUsd;
  }

  public synchronized double wasteUsd() {
    return wasteUsd;
  }

  public synchronized long inputTokens() {
    return inputTokens;
  }

  public synchronized long outputTokens() {
    return outputTokens;
  }

  public synchronized long cachedTokens() {
    return cachedTokens;
  }
}
