package dev.llmcost.agent.waste;

import dev.llmcost.agent.AgentLog;
import dev.llmcost.agent.call.CallRecord;
import dev.llmcost.agent.call.Outcome;
import dev.llmcost.agent.pricing.Cost;
import dev.llmcost.agent.pricing.PriceBook;
import dev.llmcost.agent.provider.Api;
import dev.llmcost.agent.usage.Usage;
import java.util.Map;

/**
 * Finds work the Batch APIs would have done at a discount: calls that one thread fired side by
 * side from one call site, {@code minCalls} or more before the first of them was answered (a list
 * classified, documents summarised, embeddings for a corpus). Such work seldom needs its answers
 * within seconds, and OpenAI's, Anthropic's and Gemini's batch modes bill the same requests at
 * about half price, answered within 24 hours. Streams are left out (a stream is read as it comes),
 * and so are results never used, which are waste already.
 *
 * <p>Calls settle one by one, so a fan-out is recognised only when its {@code minCalls}th call
 * settles; the calls of it settled before are credited then, all at once.
 */
public final class BatchCandidates {
  /** The setting: how many calls fired side by side, from one site and thread, make a fan-out. */
  public static final String MIN_CALLS = "llmcost.batch_candidates.min_calls";
  public static final int DEFAULT_MIN_CALLS = 10;
  /** The least it may be: one call is no fan-out. */
  public static final int LEAST_MIN_CALLS = 2;
  static final int MAX_TRACKED = 1_000;

  private final PriceBook prices;
  private final int minCalls;
  /** The latest fan-out of each call site and thread. */
  private final Map<Long, FanOut> latest = new RecentRequests<>(MAX_TRACKED);

  public BatchCandidates(PriceBook prices) {
    this(prices, DEFAULT_MIN_CALLS);
  }

  public BatchCandidates(PriceBook prices, int minCalls) {
    this.prices = prices;
    if (minCalls < LEAST_MIN_CALLS) {
      AgentLog.warn("setting " + MIN_CALLS + "=" + minCalls + " is below " + LEAST_MIN_CALLS
          + " (one call is no fan-out); using " + LEAST_MIN_CALLS);
    }
    this.minCalls = Math.max(LEAST_MIN_CALLS, minCalls);
  }

  /** Calls fired side by side before the first answer, from one site and thread, that make a fan-out. */
  public int minCalls() {
    return minCalls;
  }

  /** Calls fired together, and what the consumed ones would have saved at batch prices. */
  private static final class FanOut {
    /** The earliest end among its calls: calls started before it were all in flight at once. */
    long firstEndNanos;
    int calls;
    int unreportedCalls;
    double unreportedUsd;
  }

  /**
   * What this call settling adds to the batch opportunities: nothing, this call's own saving (a
   * fan-out already recognised), or the savings of every consumed call of the fan-out it
   * completes.
   */
  public BatchOpportunity credit(CallRecord call, Cost cost, Usage usage, String billedModel) {
    String thread = call.tags().threadName();
    if (call.callSite() == null || thread == null || call.streamed() || !batchable(call.endpoint().api())) {
      return BatchOpportunity.NONE;
    }
    boolean used = call.outcome() == Outcome.CONSUMED;
    double saving = used ? savingUsd(call, cost, usage, billedModel) : 0;
    long key = 31L * call.callSite().key().hashCode() + thread.hashCode();
    synchronized (this) {
      FanOut fanOut = latest.get(key);
      if (fanOut == null || call.startEpochNanos() >= fanOut.firstEndNanos) {
        fanOut = new FanOut(); // fired after an answer came: a new round, not the same fan-out
        fanOut.firstEndNanos = call.endEpochNanos();
        latest.put(key, fanOut);
      }
      fanOut.firstEndNanos = Math.min(fanOut.firstEndNanos, call.endEpochNanos());
      fanOut.calls++;
      if (used && saving > 0) {
        fanOut.unreportedCalls++;
        fanOut.unreportedUsd += saving;
      }
      if (fanOut.calls < minCalls || fanOut.unreportedCalls == 0) {
        return BatchOpportunity.NONE;
      }
      BatchOpportunity credit = new BatchOpportunity(fanOut.unreportedCalls, fanOut.unreportedUsd);
      fanOut.unreportedCalls = 0;
      fanOut.unreportedUsd = 0;
      return credit;
    }
  }

  /** The request kinds the providers' batch modes take. */
  static boolean batchable(Api api) {
    return switch (api) {
      case OPENAI_CHAT_COMPLETIONS, OPENAI_COMPLETIONS, OPENAI_RESPONSES, OPENAI_EMBEDDINGS,
          ANTHROPIC_MESSAGES, GEMINI_GENERATE_CONTENT, GEMINI_EMBED_CONTENT,
          GEMINI_BATCH_EMBED_CONTENTS -> true;
      default -> false;
    };
  }

  /** The price book's batch discount on this call; 0 when the model has none. */
  private double savingUsd(CallRecord call, Cost cost, Usage usage, String billedModel) {
    if (cost == null) {
      return 0;
    }
    Cost batch = prices.price(call.endpoint().provider(), billedModel, usage, true);
    return batch == null ? 0 : Math.max(0, cost.totalUsd() - batch.totalUsd());
  }
}
