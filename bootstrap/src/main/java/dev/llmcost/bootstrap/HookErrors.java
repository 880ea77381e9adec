package dev.llmcost.bootstrap;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/** Where hooks report their own failures: counted, and handed to the agent's log once installed. */
public final class HookErrors {
  private static final AtomicLong COUNT = new AtomicLong();
  private static volatile BiConsumer<String, Throwable> sink;

  private HookErrors() {}

  public static void install(BiConsumer<String, Throwable> errorSink) {
    sink = errorSink;
  }

  public static void record(String where, Throwable t) {
    COUNT.incrementAndGet();
    BiConsumer<String, Throwable> s = sink;
    if (s != null) {
      try {
        s.accept(where, t);
      } catch (Throwable ignored) {
        // reporting a failure must never become one
      }
    }
  }

  public static long count() {
    return COUNT.get();
  }
}
