package dev.llmcost.agent.guard;

import dev.llmcost.agent.AgentLog;
import dev.llmcost.agent.call.PricedCall;
import dev.llmcost.bootstrap.LlmBudgetExceededException;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The run's spend against its budget. Crossing the soft limit logs one warning and records one
 * event; once the hard limit is reached, new calls are refused before they are sent (calls
 * already running finish). Spend is counted when a call settles, so calls running side by side
 * can end a little past the hard limit.
 */
public final class SpendBudget implements Consumer<PricedCall> {
  public static final String SOFT = "llmcost.budget.soft_usd";
  public static final String HARD = "llmcost.budget.hard_usd";

  private final double softUsd;
  private final double hardUsd;
  private final GuardEvents events;
  private double spentUsd;
  private boolean softReached;
  private volatile boolean hardReached;

  /** @param softUsd 0 for none; @param hardUsd 0 for none */
  public SpendBudget(double softUsd, double hardUsd, GuardEvents events) {
    this.softUsd = softUsd;
    this.hardUsd = hardUsd;
    this.events = events;
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
        spent = spentUsd;
      }
      throw new LlmBudgetExceededException(HARD, "LLM budget exceeded: " + usd(spent)
          + " spent in this run, hard limit " + HARD + "=" + usd(hardUsd) + "; no request sent");
    }
  }

  private static String usd(double v) {
    return String.format(Locale.ROOT, "$%.6f", v);
  }
}
