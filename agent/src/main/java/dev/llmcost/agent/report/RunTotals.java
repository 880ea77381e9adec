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
  long estimatedCalls;
  long unpricedCalls;
  long duplicateCalls;
  double duplicateUsd;
  double costUsd;
  double wasteUsd;
  final Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);

  synchronized void add(PricedCall call) {
    calls++;
    Usage u = call.usage();
    if (u != null) {
      inputTokens += u.inputTokens();
      outputTokens += u.outputTokens();
      cachedTokens += u.cacheReadTokens();
      if (u.estimated()) {
        estimatedCalls++;
      }
    }
    if (call.cost() != null) {
      costUsd += call.cost().totalUsd();
    } else if (u != null) {
      unpricedCalls++;
    }
    wasteUsd += call.wasteUsd();
    if (call.duplicate()) {
      duplicateCalls++;
      duplicateUsd += call.cost() != null ? call.cost().totalUsd() : 0;
    }
    outcomes.merge(call.record().outcome(), 1L, Long::sum);
  }

  /** Share of input tokens served from the provider's prompt cache. */
  synchronized double cacheHitRatio() {
    return inputTokens == 0 ? 0 : (double) cachedTokens / inputTokens;
  }

  synchronized long notConsumed() {
    return calls - outcomes.getOrDefault(Outcome.CONSUMED, 0L);
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
}
