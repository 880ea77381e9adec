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
  /**
   * A short spin, then yielding (the counting thread may be waiting for this very core), then
   * sleep until the counting thread wakes us: spinning long would take the CPU it needs when cores
   * are few and busy, and sleeping at once would cost two system calls for a wait of microseconds.
   */
  private static final int SPINS = 100;
  private static final long YIELD_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

  private final long maxWaitNanos;
  /** The thread that counts the call, until it has: the last count stays with each application thread. */
  private volatile Thread counter;
  private volatile boolean handedOver;
  private volatile boolean counted;
  /** The application thread parked in {@link #await()}, for {@link #counted()} to wake. */
  private volatile Thread waiter;

  PendingCount() {
    this(MAX_WAIT_NANOS);
  }

  PendingCount(long maxWaitNanos) {
    this.maxWaitNanos = maxWaitNanos;
  }

  /** The body goes to the application now; the current thread counts the call after. */
  void handedOver() {
    counter = Thread.currentThread();
    handedOver = true;
  }

  boolean isHandedOver() {
    return handedOver;
  }

  void counted() {
    counted = true;
    counter = null; // await() returns once counted, with or without it
    Thread w = waiter;
    if (w != null) {
      LockSupport.unpark(w);
    }
  }

  /** Returns once the call is counted, at once if it was never handed over uncounted. */
  public void await() {
    Thread by = counter;
    if (by == null || counted || by == Thread.currentThread()) {
      return; // the thread that counts it may start calls from the application's callbacks
    }
    for (int spins = 0; spins < SPINS && !counted; spins++) {
      Thread.onSpinWait();
    }
    long start = System.nanoTime();
    while (!counted && System.nanoTime() - start < Math.min(YIELD_NANOS, maxWaitNanos)) {
      Thread.yield();
    }
    if (counted) {
      return;
    }
    // Set before the check below: either counted() sees us and wakes us, or we see its flag.
    waiter = Thread.currentThread();
    long deadline = start + maxWaitNanos;
    try {
      long left;
      while (!counted && (left = deadline - System.nanoTime()) > 0
          && !Thread.currentThread().isInterrupted()) { // an interrupt is the application's to see
        LockSupport.parkNanos(this, left);
      }
    } finally {
      waiter = null;
    }
  }
}
