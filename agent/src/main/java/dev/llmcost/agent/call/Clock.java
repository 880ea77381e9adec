package dev.llmcost.agent.call;

/** Converts monotonic nanoTime readings to epoch nanoseconds for span timestamps. */
final class Clock {
  private static final long EPOCH_ANCHOR = System.currentTimeMillis() * 1_000_000L;
  private static final long NANO_ANCHOR = System.nanoTime();

  private Clock() {}

  static long epochNanos(long nanoTime) {
    return EPOCH_ANCHOR + (nanoTime - NANO_ANCHOR);
  }
}
