package dev.llmcost.agent.guard;

import dev.llmcost.agent.AgentLog;
import dev.llmcost.agent.call.PricedCall;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Spend over the last minute against a threshold: one log line and one event when it goes past,
 * re-armed once it is back under. Timestamps are the calls' end times, so the rule is testable
 * without waiting.
 */
public final class SpendRateAlert implements Consumer<PricedCall> {
  public static final String SETTING = "llmcost.alert.usd_per_minute";
  private static final long MINUTE_NANOS = 60_000_000_000L;

  private final double thresholdUsd;
  private final GuardEvents events;
  private final ArrayDeque<double[]> window = new ArrayDeque<>(); // {endEpochNanos, usd}
  private double windowUsd;
  private boolean firing;

  /** @param thresholdUsd 0 for none */
  public SpendRateAlert(double thresholdUsd, GuardEvents events) {
    this.thresholdUsd = thresholdUsd;
    this.events = events;
  }

  @Override
  public void accept(PricedCall call) {
    if (thresholdUsd <= 0 || call.cost() == null) {
      return;
    }
    long now = call.record().endEpochNanos();
    double rate;
    boolean fire;
    synchronized (this) {
      window.addLast(new double[] {now, call.cost().totalUsd()});
      windowUsd += call.cost().totalUsd();
      while (!window.isEmpty() && window.peekFirst()[0] <= now - MINUTE_NANOS) {
        windowUsd -= window.removeFirst()[1];
      }
      rate = windowUsd;
      fire = !firing && rate > thresholdUsd;
      firing = rate > thresholdUsd;
    }
    if (fire) {
      AgentLog.warn(String.format(Locale.ROOT,
          "LLM spend rate alert: $%.6f in the last minute, above %s=$%.6f", rate, SETTING, thresholdUsd));
      events.limitReached(SETTING);
    }
  }
}
