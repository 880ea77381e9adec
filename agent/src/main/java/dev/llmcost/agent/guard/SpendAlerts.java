package dev.llmcost.agent.guard;

import dev.llmcost.agent.AgentLog;
import dev.llmcost.agent.call.PricedCall;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Spend and waste over the last minute against thresholds: one log line and one event when a
 * measure goes past its threshold, re-armed once it is back under. Timestamps are the calls' end
 * times, so the rules are testable without waiting.
 */
public final class SpendAlerts implements Consumer<PricedCall> {
  public static final String RATE = "llmcost.alert.usd_per_minute";
  public static final String WASTE_SHARE = "llmcost.alert.waste_share";
  private static final long MINUTE_NANOS = 60_000_000_000L;

  private final double usdPerMinute;
  private final double wasteShare;
  private final GuardEvents events;
  private final ArrayDeque<double[]> window = new ArrayDeque<>(); // {endEpochNanos, usd, wasteUsd}
  private double windowUsd;
  private double windowWasteUsd;
  private boolean rateFiring;
  private boolean wasteFiring;

  /** @param usdPerMinute 0 for none; @param wasteShare 0 for none, else a fraction of spend (0.5) */
  public SpendAlerts(double usdPerMinute, double wasteShare, GuardEvents events) {
    this.usdPerMinute = usdPerMinute;
    this.wasteShare = wasteShare;
    this.events = events;
  }

  @Override
  public void accept(PricedCall call) {
    if ((usdPerMinute <= 0 && wasteShare <= 0) || call.cost() == null) {
      return;
    }
    long now = call.record().endEpochNanos();
    double usd;
    double waste;
    boolean fireRate;
    boolean fireWaste;
    synchronized (this) {
      window.addLast(new double[] {now, call.cost().totalUsd(), call.wasteUsd()});
      windowUsd += call.cost().totalUsd();
      windowWasteUsd += call.wasteUsd();
      while (!window.isEmpty() && window.peekFirst()[0] <= now - MINUTE_NANOS) {
        double[] old = window.removeFirst();
        windowUsd -= old[1];
        windowWasteUsd -= old[2];
      }
      usd = windowUsd;
      waste = windowWasteUsd;
      boolean rateAbove = usdPerMinute > 0 && usd > usdPerMinute;
      boolean wasteAbove = wasteShare > 0 && usd > 0 && waste / usd > wasteShare;
      fireRate = rateAbove && !rateFiring;
      fireWaste = wasteAbove && !wasteFiring;
      rateFiring = rateAbove;
      wasteFiring = wasteAbove;
    }
    if (fireRate) {
      AgentLog.warn(String.format(Locale.ROOT,
          "LLM spend rate alert: $%.6f in the last minute, above %s=$%.6f", usd, RATE, usdPerMinute));
      events.limitReached(RATE);
    }
    if (fireWaste) {
      AgentLog.warn(String.format(Locale.ROOT,
          "LLM waste alert: $%.6f of $%.6f spent in the last minute (%.0f%%) was wasted, above %s=%s",
          waste, usd, 100 * waste / usd, WASTE_SHARE, wasteShare));
      events.limitReached(WASTE_SHARE);
    }
  }
}
