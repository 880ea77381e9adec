package dev.llmcost.api;

import java.util.Map;

/**
 * Optional tags for the LLM calls a block of code makes, for teams who want more than call sites
 * and baggage:
 *
 * <pre>{@code
 * try (Tag t = LlmCost.tag("feature", "search")) {
 *   client.send(request, handler); // its LLM span carries llmcost.tag.feature=search
 * }
 * }</pre>
 *
 * <p>Without the LLM Cost Agent this does nothing. The agent puts its own copy of this class on
 * the boot class path, which class loaders consult first, so with the agent the application's
 * calls reach that copy, and only that copy records tags. Tags belong to the thread that opened
 * them; a call started there (sync or async) carries the tags in force when it started.
 */
public final class LlmCost {
  /** Only the agent's copy is defined by the boot loader; the application's own records nothing. */
  private static final TagScopes SCOPES = LlmCost.class.getClassLoader() == null ? new TagScopes() : null;

  private LlmCost() {}

  /** Tags the LLM calls this thread starts until the returned scope is closed. */
  public static Tag tag(String key, String value) {
    if (SCOPES == null || key == null || value == null) {
      return Tag.NONE;
    }
    return SCOPES.open(key, value);
  }

  /** The tags in force on this thread, the innermost value of each key; empty without the agent. */
  public static Map<String, String> currentTags() {
    return SCOPES == null ? Map.of() : SCOPES.current();
  }

  /** True when the agent is running in this JVM (and this class is its copy). */
  public static boolean agentPresent() {
    return SCOPES != null;
  }
}
