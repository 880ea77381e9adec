package dev.llmcost.agent.call;

/**
 * Learns what the application did with a result: read it, or dropped the object that carried it
 * unread. One {@link LlmCall}, or a {@link SharedResult} fed by several calls. Only the first
 * answer counts.
 */
public interface ResultUse {
  void markConsumed();

  void markAbandoned();

  /**
   * The application cancelled the future that carried the result. The JDK's HttpClient stops the
   * exchange then (and says so itself); an SDK's future does not, so the answer still comes and
   * is billed.
   */
  default void markCancelled() {}

  /**
   * Runs {@code release} once nothing the application does can change this result's outcome any
   * more (at once if that is already so), so whoever watches for it can stop. By default never:
   * the watch lasts until the carrier is collected.
   */
  default void whenDecided(Runnable release) {}
}
