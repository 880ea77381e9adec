package dev.llmcost.agent.waste;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the waste judgements remember of recent requests, by request fingerprint: at most
 * {@code max} entries, the least recently used dropped first, so a busy service holds a bounded
 * amount whatever its window. Not thread-safe: its owners synchronize.
 */
final class RecentRequests<V> extends LinkedHashMap<Long, V> {
  private final int max;

  RecentRequests(int max) {
    super(64, 0.75f, true);
    this.max = max;
  }

  @Override
  protected boolean removeEldestEntry(Map.Entry<Long, V> eldest) {
    return size() > max;
  }
}
