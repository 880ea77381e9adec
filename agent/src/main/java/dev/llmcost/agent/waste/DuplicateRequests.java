package dev.llmcost.agent.waste;

import dev.llmcost.agent.call.CallRecord;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Recognises a request identical to one answered successfully a short while ago: a response
 * cache in front of the provider would have saved its cost. Remembers a bounded number of recent
 * request fingerprints.
 */
public final class DuplicateRequests {
  static final int MAX_REMEMBERED = 10_000;
  private final long windowNanos;
  private final Map<Long, Long> answeredAt = new RecentRequests<>(MAX_REMEMBERED);

  public DuplicateRequests(long windowSeconds) {
    this.windowNanos = TimeUnit.SECONDS.toNanos(windowSeconds);
  }

  /** True when the same request was answered successfully within the window before this one. */
  public synchronized boolean isDuplicate(CallRecord call) {
    long fingerprint = call.requestFingerprint();
    if (fingerprint == 0) {
      return false;
    }
    Long before = answeredAt.get(fingerprint);
    boolean duplicate = before != null && call.startEpochNanos() - before <= windowNanos;
    if (call.statusCode() > 0 && call.statusCode() < 400 && call.response() != null) {
      answeredAt.put(fingerprint, call.endEpochNanos());
    }
    return duplicate;
  }
}
