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

  public void release() {
    if (!held.isEmpty() && released.compareAndSet(false, true)) {
      for (int i = held.size() - 1; i >= 0; i--) {
        held.get(i).release();
      }
    }
  }
}
