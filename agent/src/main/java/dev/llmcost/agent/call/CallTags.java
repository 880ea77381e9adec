package dev.llmcost.agent.call;

import dev.llmcost.api.LlmCost;
import java.util.Map;

/**
 * What the starting thread says about a call: its name, and the tags the application opened with
 * {@link LlmCost#tag} there.
 *
 * @param threadName the thread that started the call; null when it has no name (a virtual thread
 *     has none unless the application gives it one)
 * @param tags tag key to value, innermost scope winning
 */
public record CallTags(String threadName, Map<String, String> tags) {
  public static final CallTags NONE = new CallTags(null, Map.of());

  /** Tags an SDK carries to the thread it sends from (see {@code AsyncCallSites}). */
  private static final ThreadLocal<Map<String, String>> CARRIED = new ThreadLocal<>();

  /** Read on the thread that starts the call, before it may move to another. */
  static CallTags ofCurrentThread() {
    String name = Thread.currentThread().getName();
    return new CallTags(name.isEmpty() ? null : name, current());
  }

  /** The application's tags on this thread, else those carried to it, else none. */
  public static Map<String, String> current() {
    Map<String, String> tags = LlmCost.currentTags();
    if (!tags.isEmpty()) {
      return tags;
    }
    Map<String, String> carried = CARRIED.get();
    return carried != null ? carried : Map.of();
  }

  /** What this thread carries now (null for nothing), to restore after a nested carry. */
  public static Map<String, String> carried() {
    return CARRIED.get();
  }

  /** Until the next call, calls this thread starts without tags of its own carry these (null: none). */
  public static void carry(Map<String, String> tags) {
    if (tags == null || tags.isEmpty()) {
      CARRIED.remove();
    } else {
      CARRIED.set(tags);
    }
  }
}
