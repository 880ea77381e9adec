package dev.llmcost.agent.guard;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/** The concurrency slots one call holds; released once, when its exchange ends. */
public final class Permit {
  public static final Permit NONE = new Permit(List.of(), 0);

  private final List<Semaphore> held;
  private final long waitNanos;
  private final AtomicBoolean released = new AtomicBoolean();
  private final AtomicBoolean claimed = new AtomicBoolean();

  Permit(List<Semaphore> held, long waitNanos) {
    this.held = held;
    this.waitNanos = waitNanos;
  }

  /** How long the call waited for its slots. */
  public long waitNanos() {
    return waitNanos;
  }

  public boolean limited() {
    return !held.isEmpty();
  }

  /**
   * Takes these slots for one call, once: true the first time. A slot taken for a request that
   * another thread will send is claimed by the call when it starts, or, if it never starts, by
   * whoever learns so, to release it.
   */
  public boolean claim() {
    return !held.isEmpty() && claimed.compareAndSet(false, true);
  }

  public void release() {
    if (!held.isEmpty() && released.compareAndSet(false, true)) {
      for (int i = held.size() - 1; i >= 0; i--) {
        held.get(i).release();
      }
    }
  }
}
