package dev.llmcost.agent.guard;

import dev.llmcost.agent.AgentLog;
import dev.llmcost.agent.call.PricedCall;
import dev.llmcost.bootstrap.LlmBudgetExceededException;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Spend against a budget, for the whole run or per clock hour or day (UTC). Crossing the soft
 * limit logs one warning and records one event; once the hard limit is reached, new calls are
 * refused before they are sent (calls already running finish) until the next period begins.
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

  private final double softUsd;
  private final double hardUsd;
  private final GuardEvents events;
  private final Period period;
  private final LongSupplier clockMillis;
  private long periodIndex;
  private double spentUsd;
  private boolean softReached;
  private volatile boolean hardReached;

  /** @param softUsd 0 for none; @param hardUsd 0 for none */
  public SpendBudget(double softUsd, double hardUsd, GuardEvents events) {
    this(softUsd, hardUsd, Period.RUN, System::currentTimeMillis, events);
  }

  public SpendBudget(double softUsd, double hardUsd, Period period, LongSupplier clockMillis,
      GuardEvents events) {
    this.softUsd = softUsd;
    this.hardUsd = hardUsd;
    this.period = period;
    this.clockMillis = clockMillis;
    this.events = events;
    this.periodIndex = period.index(clockMillis.getAsLong());
  }

  public boolean enabled() {
    return softUsd > 0 || hardUsd > 0;
  }

  @Override
  public void accept(PricedCall call) {
    if (call.cost() == null || !enabled()) {
      return;
    }
    boolean crossedSoft;
    boolean crossedHard;
    double spent;
    synchronized (this) {
      startNewPeriodIfDue();
      spentUsd += call.cost().totalUsd();
      spent = spentUsd;
      crossedSoft = softUsd > 0 && !softReached && spent >= softUsd;
      softReached |= crossedSoft;
      crossedHard = hardUsd > 0 && !hardReached && spent >= hardUsd;
      if (crossedHard) {
        hardReached = true;
      }
    }
    if (crossedSoft) {
      AgentLog.warn("LLM spend " + usd(spent) + " reached the soft budget " + SOFT + "=" + usd(softUsd));
      events.limitReached(SOFT);
    }
    if (crossedHard) {
      AgentLog.warn("LLM spend " + usd(spent) + " reached the hard budget " + HARD + "=" + usd(hardUsd)
          + ": new LLM calls fail with LlmBudgetExceededException");
      events.limitReached(HARD);
    }
  }

  /** Refuses a new call once the hard limit is reached. */
  public void check() throws LlmBudgetExceededException {
    if (hardReached) {
      double spent;
      synchronized (this) {
        startNewPeriodIfDue();
        if (!hardReached) {
          return;
        }
        spent = spentUsd;
      }
      throw new LlmBudgetExceededException(HARD, "LLM budget exceeded: " + usd(spent)
          + " spent " + period.describe() + ", hard limit " + HARD + "=" + usd(hardUsd)
          + "; no request sent");
    }
  }

  /** Under the lock: a new hour or day starts from nothing. */
  private void startNewPeriodIfDue() {
    long now = period.index(clockMillis.getAsLong());
    if (now != periodIndex) {
      periodIndex = now;
      spentUsd = 0;
      softReached = false;
      hardReached = false;
    }
  }

  private static String usd(double v) {
    return String.format(Locale.ROOT, "$%.6f", v);
  }
}
