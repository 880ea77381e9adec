package dev.llmcost.agent.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The run's savings opportunities, largest first: unused results, duplicate requests, prompt
 * prefixes resent without a cache hit, failed calls, premium models answering short requests,
 * and calls fired side by side that a Batch API would have billed for less.
 * Amounts are what this run spent on them; the monthly figure extrapolates at the observed rate.
 */
final class Savings {
  /** A model billing at least this much per million output tokens counts as premium. */
  static final double PREMIUM_OUTPUT_USD_PER_MILLION = 8.0;
  /** Answers of at most this many output tokens on average count as short. */
  static final double SHORT_ANSWER_TOKENS = 256;
  static final int TOP = 5;
  private static final double SECONDS_PER_MONTH = 30 * 24 * 3600.0;
  /** Runs shorter than this are extrapolated as if they lasted this long. */
  private static final double MIN_OBSERVED_SECONDS = 60;

  record Opportunity(String what, String how, double usd) {}

  private Savings() {}

  /** Multiplies a run's amount into a 30-day amount at the rate observed. */
  static double monthlyFactor(RunTotals total) {
    return SECONDS_PER_MONTH / Math.max(MIN_OBSERVED_SECONDS, total.observedSeconds());
  }

  static boolean premiumShortAnswers(RunTotals t) {
    synchronized (t) {
      return t.calls >= 2 && t.outputUsdPerMillion() >= PREMIUM_OUTPUT_USD_PER_MILLION
          && t.meanOutputTokens() <= SHORT_ANSWER_TOKENS;
    }
  }

  static List<Opportunity> top(RunTotals total, Map<String, RunTotals> bySiteAndModel,
      int batchMinCalls) {
    List<Opportunity> all = new ArrayList<>();
    synchronized (total) {
      add(all, total.unusedCalls + " result(s) never used (abandoned, cancelled, closed early)",
          "create requests only when their result is needed; cancel the rest", total.unusedUsd);
      add(all, total.duplicateCalls + " duplicate request(s)",
          "a response cache in front of the provider", total.duplicateUsd);
      add(all, total.cachingCalls + " call(s) resent a large prompt prefix without a cache hit",
          "prompt caching: keep the prefix stable (OpenAI) or mark it with cache_control "
              + "(Anthropic)", total.cachingUsd);
      add(all, total.failedCalls + " failed call(s)", "fewer retries into rate limits; smaller "
          + "requests that finish within the timeout", total.failedUsd);
    }
    bySiteAndModel.forEach((name, t) -> {
      if (premiumShortAnswers(t)) {
        synchronized (t) {
          add(all, String.format(java.util.Locale.ROOT,
                  "premium model for short answers at %s (%d calls, %.0f output tokens each)",
                  name, t.calls, t.meanOutputTokens()),
              "a smaller model would cost a fraction of this", t.costUsd);
        }
      }
      synchronized (t) {
        add(all, String.format(java.util.Locale.ROOT, "%d call(s) at %s fired side by side, "
                + "%d or more before the first answer", t.batchCalls, name, batchMinCalls),
            "if their answers can wait (up to 24 hours), the provider's Batch API bills them "
                + "at about half price", t.batchUsd);
      }
    });
    all.sort(Comparator.comparingDouble(Opportunity::usd).reversed());
    return all.size() > TOP ? all.subList(0, TOP) : all;
  }

  private static void add(List<Opportunity> all, String what, String how, double usd) {
    if (usd > 0) {
      all.add(new Opportunity(what, how, usd));
    }
  }
}
