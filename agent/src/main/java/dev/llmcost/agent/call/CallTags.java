package dev.llmcost.agent.call;

import dev.llmcost.api.LlmCost;
import java.util.Map;

/**
 * What the starting thread says about a call: its name, and the tags the application opened with
 * {@link LlmCost#tag} there.
 *
 * @param threadName the thread that started the call
 * @param tags tag key to value, innermost scope winning
 */
public record CallTags(String threadName, Map<String, String> tags) {
  public static final CallTags NONE = new CallTags(null, Map.of());

  /** Read on the thread that starts the call, before it may move to another. */
  static CallTags ofCurrentThread() {
    return new CallTags(Thread.currentThread().getName(), LlmCost.currentTags());
  }
}
