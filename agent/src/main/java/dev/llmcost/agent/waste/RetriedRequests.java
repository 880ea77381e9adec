package dev.llmcost.agent.waste;

import dev.llmcost.agent.call.CallRecord;
import dev.llmcost.agent.call.Outcome;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Recognises a retry: a request identical to one that failed (429, 5xx, a timeout, a dropped
 * connection) a short while before. The failures are paid for in time and sometimes in tokens;
 * the retry is the call the application needed in the first place.
 */
public final class RetriedRequests {
  static final int MAX_REMEMBERED = 10_000;
  private final long windowNanos;
  private final Map<Long, Long> failedAt = new RecentRequests<>(MAX_REMEMBERED);

  public RetriedRequests(long windowSeconds) {
    this.windowNanos = TimeUnit.SECONDS.toNanos(windowSeconds);
  }

  /** True when the same request failed within the window before this one started. */
  public synchronized boolean isRetry(CallRecord call) {
    long fingerprint = call.requestFingerprint();
    if (fingerprint == 0) {
      return false;
    }
    Long before = failedAt.get(fingerprint);
    boolean retry = before != null && before <= call.startEpochNanos()
        && call.startEpochNanos() - before <= windowNanos;
    if (call.outcome() == Outcome.FAILED) {
      failedAt.put(fingerprint, call.endEpochNanos());
    } else if (retry) {
      failedAt.remove(fingerprint); // the retry succeeded: a later copy is a duplicate, not a retry
    }
    return retry;
  }
}
