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

  /** What an SDK carries to the thread it sends from: the starting thread's (see {@code AsyncCallSites}). */
  private static final ThreadLocal<CallTags> CARRIED = new ThreadLocal<>();

  /**
   * Read on the thread that starts the call, before it may move to another; on a thread sending
   * for another (an SDK's), the name of the thread the call was made on.
   */
  public static CallTags ofCurrentThread() {
    CallTags carried = CARRIED.get();
    // Carried, the starting thread's name stands even when it had none (an unnamed virtual
    // thread): the sending thread's would name the SDK's pool, not the application's thread.
    String name = carried != null ? carried.threadName() : Thread.currentThread().getName();
    return new CallTags(name == null || name.isEmpty() ? null : name, current());
  }

  /** The application's tags on this thread, else those carried to it, else none. */
  public static Map<String, String> current() {
    Map<String, String> tags = LlmCost.currentTags();
    if (!tags.isEmpty()) {
      return tags;
    }
    CallTags carried = CARRIED.get();
    return carried != null ? carried.tags() : Map.of();
  }

  /** What this thread carries now (null for nothing), to restore after a nested carry. */
  public static CallTags carried() {
    return CARRIED.get();
  }

  /** Until the next call, calls this thread starts are described by these (null: by their own). */
  public static void carry(CallTags origin) {
    if (origin == null) {
      CARRIED.remove();
    } else {
      CARRIED.set(origin);
    }
  }
}
