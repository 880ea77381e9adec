package dev.llmcost.agent.guard;

import dev.llmcost.agent.AgentLog;
import dev.llmcost.agent.call.PricedCall;
import dev.llmcost.bootstrap.LlmBudgetExceededException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Spend against budgets (all calls, one provider's, or those carrying a tag), for the whole run
 * or per clock hour or day (UTC). A call's cost counts toward every budget that covers it.
 * Crossing a soft limit logs one warning and records one event; once a hard limit is reached, new
 * calls it covers are refused before they are sent (calls already running finish) until the next period begins.
 * Spend is counted when a call settles, so calls running side by side can end a little past the
 * hard limit.
 */
public final class SpendBudget implements Consumer<PricedCall> {
  public static final String SOFT = "llmcost.budget.soft_usd";
  public static final String HARD = "llmcost.budget.hard_usd";
  public static final String PERIOD = "llmcost.budget.period";

  /** How long one budget lasts. */
  public enum Period {
    RUN(Long.MAX_VALUE), HOUR(3_600_000L), DAY(86_400_000L);

    private final long millis;

    Period(long millis) {
      this.millis = millis;
    }

    long index(long epochMillis) {
      return this == RUN ? 0 : Math.floorDiv(epochMillis, millis);
    }

    String describe() {
      return this == RUN ? "in this run" : "this " + name().toLowerCase(Locale.ROOT) + " (UTC)";
    }
  }

  /** One budget's limits and its spend in the current period. */
  private static final class Limit {
    final BudgetLimits.Scope scope;
    final double softUsd;
    final double hardUsd;
    double spentUsd;
    boolean softReached;
    boolean hardReached;

    Limit(BudgetLimits.Scope scope, double softUsd, double hardUsd) {
      this.scope = scope;
      this.softUsd = softUsd;
      this.hardUsd = hardUsd;
    }
  }

  private final List<Limit> limits;
  /** Asked before every call, so worked out once. */
  private final boolean hard;
  private final GuardEvents events;
  private final Period period;
  private final LongSupplier clockMillis;
  private long periodIndex;
  /** Whether any hard limit is reached: the only read on a call's way out while none is. */
  private volatile boolean hardReached;

  /** @param softUsd 0 for none; @param hardUsd 0 for none */
  public SpendBudget(double softUsd, double hardUsd, GuardEvents events) {
    this(softUsd, hardUsd, Period.RUN, System::currentTimeMillis, events);
  }

  public SpendBudget(double softUsd, double hardUsd, Period period, LongSupplier clockMillis,
      GuardEvents events) {
    this(BudgetLimits.global(softUsd), BudgetLimits.global(hardUsd), period, clockMillis, events);
  }

  /**
   * Budgets by scope (global, provider, tag), as {@link BudgetLimits#parse} reads them; a scope
   * may have a soft limit, a hard one or both.
   */
  public SpendBudget(Map<BudgetLimits.Scope, Double> softUsd, Map<BudgetLimits.Scope, Double> hardUsd,
      Period period, LongSupplier clockMillis, GuardEvents events) {
    Set<BudgetLimits.Scope> scopes = new LinkedHashSet<>();
    scopes.addAll(hardUsd.keySet());
    scopes.addAll(softUsd.keySet());
    List<Limit> list = new ArrayList<>();
    for (BudgetLimits.Scope scope : scopes) {
      double soft = softUsd.getOrDefault(scope, 0.0);
      double hard = hardUsd.getOrDefault(scope, 0.0);
      if (soft > 0 || hard > 0) {
        list.add(new Limit(scope, soft, hard));
      }
    }
    // The global budget first: it is the one named when several refuse a call.
    list.sort(Comparator.comparing(l -> !l.scope.global()));
    this.limits = List.copyOf(list);
    this.hard = limits.stream().anyMatch(l -> l.hardUsd > 0);
    this.period = period;
    this.clockMillis = clockMillis;
    this.events = events;
    this.periodIndex = period.index(clockMillis.getAsLong());
  }

  public boolean enabled() {
    return !limits.isEmpty();
  }

  /** Whether any budget has a hard limit (then every cost must be seen before the next call). */
  public boolean hardEnabled() {
    return hard;
  }

  @Override
  public void accept(PricedCall call) {
    if (call.cost() == null || limits.isEmpty()) {
      return;
    }
    String provider = call.record().endpoint().provider();
    Map<String, String> tags = call.record().tags() != null ? call.record().tags().tags() : Map.of();
    Map<String, String> baggage = call.record().parent() != null ? call.record().parent().baggage() : Map.of();
    List<Limit> crossedSoft = new ArrayList<>(1);
    List<Limit> crossedHard = new ArrayList<>(1);
    List<Double> spentAtSoft = new ArrayList<>(1);
    List<Double> spentAtHard = new ArrayList<>(1);
    synchronized (this) {
      startNewPeriodIfDue();
      for (Limit limit : limits) {
        if (!limit.scope.covers(provider, tags, baggage)) {
          continue;
        }
        limit.spentUsd += call.cost().totalUsd();
        if (limit.softUsd > 0 && !limit.softReached && limit.spentUsd >= limit.softUsd) {
          limit.softReached = true;
          crossedSoft.add(limit);
          spentAtSoft.add(limit.spentUsd);
        }
        if (limit.hardUsd > 0 && !limit.hardReached && limit.spentUsd >= limit.hardUsd) {
          limit.hardReached = true;
          hardReached = true;
          crossedHard.add(limit);
          spentAtHard.add(limit.spentUsd);
        }
      }
    }
    for (int i = 0; i < crossedSoft.size(); i++) {
      Limit l = crossedSoft.get(i);
      String name = l.scope.name(SOFT);
      AgentLog.warn("LLM spend " + usd(spentAtSoft.get(i)) + l.scope.calls() + " reached the soft budget "
          + name + "=" + usd(l.softUsd));
      events.limitReached(name);
    }
    for (int i = 0; i < crossedHard.size(); i++) {
      Limit l = crossedHard.get(i);
      String name = l.scope.name(HARD);
      AgentLog.warn("LLM spend " + usd(spentAtHard.get(i)) + l.scope.calls() + " reached the hard budget "
          + name + "=" + usd(l.hardUsd) + ": new LLM calls" + l.scope.which() + " fail with LlmBudgetExceededException");
      events.limitReached(name);
    }
  }

  /** Refuses a new call once the global hard limit is reached. */
  public void check() throws LlmBudgetExceededException {
    check(null, Map.of());
  }

  /**
   * Refuses a new call once a hard limit that covers it is reached: the global one, its
   * provider's, or one of a tag it carries.
   */
  public void check(String provider, Map<String, String> tags) throws LlmBudgetExceededException {
    check(provider, tags, Map.of());
  }

  /** As {@link #check(String, Map)}, tags also read from the call's baggage entries. */
  public void check(String provider, Map<String, String> tags, Map<String, String> baggage)
      throws LlmBudgetExceededException {
    if (!hardReached) {
      return;
    }
    Limit refusing = null;
    double spent = 0;
    synchronized (this) {
      startNewPeriodIfDue();
      for (Limit limit : limits) {
        if (limit.hardReached && limit.scope.covers(provider, tags, baggage)) {
          refusing = limit;
          spent = limit.spentUsd;
          break;
        }
      }
    }
    if (refusing != null) {
      String name = refusing.scope.name(HARD);
      throw new LlmBudgetExceededException(name, "LLM budget exceeded: " + usd(spent)
          + " spent" + refusing.scope.calls() + " " + period.describe() + ", hard limit " + name + "="
          + usd(refusing.hardUsd) + "; no request sent");
    }
  }

  /** Under the lock: a new hour or day starts from nothing. */
  private void startNewPeriodIfDue() {
    long now = period.index(clockMillis.getAsLong());
    if (now != periodIndex) {
      periodIndex = now;
      for (Limit limit : limits) {
        limit.spentUsd = 0;
        limit.softReached = false;
        limit.hardReached = false;
      }
      hardReached = false;
    }
  }

  private static String usd(double v) {
    return String.format(Locale.ROOT, "$%.6f", v);
  }
}
