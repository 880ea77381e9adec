package dev.llmcost.agent.call;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Whether a call handed over before the agent counted it has been counted. A transport may give
 * the application the whole body first and read its copy after, off the application's wait; the
 * application's next call on the same thread then waits here (microseconds), because duplicates,
 * retries and caching are judged in the order calls are counted.
 */
public final class PendingCount {
  /** Never more than this: a stuck count must not hold the application up. */
  private static final long MAX_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  private static final int SPINS = 2_000;

  private final long maxWaitNanos;
  private volatile Thread counter;
  private volatile boolean counted;

  PendingCount() {
    this(MAX_WAIT_NANOS);
  }

  PendingCount(long maxWaitNanos) {
    this.maxWaitNanos = maxWaitNanos;
  }

  /** The body goes to the application now; the current thread counts the call after. */
  void handedOver() {
    counter = Thread.currentThread();
  }

  boolean isHandedOver() {
    return counter != null;
  }

  void counted() {
    counted = true;
  }

  /** Returns once the call is counted, at once if it was never handed over uncounted. */
  public void await() {
    Thread by = counter;
    if (by == null || counted || by == Thread.currentThread()) {
      return; // the thread that counts it may start calls from the application's callbacks
    }
    long deadline = System.nanoTime() + maxWaitNanos;
    for (int spins = 0; !counted && System.nanoTime() < deadline; spins++) {
      if (spins < SPINS) {
        Thread.onSpinWait();
      } else {
        LockSupport.parkNanos(20_000);
      }
    }
  }
}
