package dev.llmcost.agent;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's one-line log on standard error, prefixed with its name. Deliberately not
 * java.util.logging: initialising JUL from premain changes the application's own logging set-up.
 */
public final class AgentLog {
  public enum Level { DEBUG, INFO, WARN, ERROR, OFF }

  private static final String PREFIX = "[llm-cost-agent] ";
  private static volatile Level threshold = Level.INFO;
  private static final Set<String> ONCE = ConcurrentHashMap.newKeySet();
  private static final int MAX_ONCE_KEYS = 10_000;

  private AgentLog() {}

  public static void setLevel(Level level) {
    threshold = level;
  }

  public static boolean isDebug() {
    return threshold == Level.DEBUG;
  }

  public static void debug(String message) {
    log(Level.DEBUG, message);
  }

  public static void info(String message) {
    log(Level.INFO, message);
  }

  public static void warn(String message) {
    log(Level.WARN, message);
  }

  public static void error(String message) {
    log(Level.ERROR, message);
  }

  /**
   * Logs a warning the first time {@code key} is seen, and never again for that key; true when
   * it did.
   */
  public static boolean warnOnce(String key, String message) {
    if (ONCE.size() < MAX_ONCE_KEYS && ONCE.add(key)) {
      warn(message);
      return true;
    }
    return false;
  }

  /** Logs an agent-internal failure once per place; with debug on, with its stack trace. */
  public static void failure(String where, Throwable t) {
    if (ONCE.size() < MAX_ONCE_KEYS && ONCE.add("failure:" + where + ":" + t.getClass().getName())) {
      warn(where + " failed (" + t + "); the application is unaffected");
      if (isDebug()) {
        t.printStackTrace();
      }
    }
  }

  private static void log(Level level, String message) {
    if (level.ordinal() >= threshold.ordinal() && threshold != Level.OFF) {
      System.err.println(PREFIX + level + " " + message);
    }
  }
}
