package dev.llmcost.fake;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded polling for conditions that other threads or processes make true. */
public final class Eventually {

  private static final long POLL_MILLIS = 5;

  private Eventually() {
  }

  /** True as soon as the condition holds, false once the timeout passed without it. */
  public static boolean holds(Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (condition.getAsBoolean()) {
        return true;
      }
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return condition.getAsBoolean();
      }
    }
  }
}
