package dev.llmcost.agent.call;

import dev.llmcost.agent.AgentLog;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Learns, through the garbage collector, that the object carrying a call's result (a future, a
 * response) became unreachable. A call whose result was never read by then is abandoned.
 * One daemon thread blocks on the reference queue; it costs nothing while nothing is collected
 * but a wake-up every {@link #TICK_MILLIS} for the checks that need a clock ({@link #onTick}).
 */
public final class AbandonWatcher {
  /** How often the thread runs {@link #onTick}'s check when nothing is collected. */
  static final long TICK_MILLIS = 1000;

  private final ReferenceQueue<Object> queue = new ReferenceQueue<>();
  private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
  private volatile Runnable tick = () -> { };
  private long nextTick = System.nanoTime();

  public AbandonWatcher() {
    Thread thread = new Thread(this::drain, "llm-cost-agent-abandon-watcher");
    thread.setDaemon(true);
    thread.start();
  }

  /** Watches the one object through which the application can read the call's result. */
  public void watch(Object resultCarrier, ResultUse call) {
    watch(resultCarrier, call, new AtomicInteger());
  }

  /**
   * Watches one of several objects through which the result can be read (a future and the
   * stages derived from it); the call is abandoned when all of them sharing {@code live} are gone.
   */
  public void watch(Object resultCarrier, ResultUse call, AtomicInteger live) {
    live.incrementAndGet();
    Watched watch = new Watched(resultCarrier, queue, call, live);
    watched.add(watch);
    // Once the outcome is decided the watch is dropped: kept until the carrier is collected,
    // busy async code piled up watched calls (and their prompts) and slowed every GC.
    call.whenDecided(() -> {
      if (watched.remove(watch)) {
        watch.clear();
      }
    });
  }

  /**
   * Runs {@code check} on this watcher's thread about every {@link #TICK_MILLIS}: results whose
   * fate a clock decides rather than the collector (a task's future unread long after it ended).
   */
  public void onTick(Runnable check) {
    tick = check;
  }

  /** Calls still watched (for tests of leaks). */
  public int size() {
    return watched.size();
  }

  private void drain() {
    while (true) {
      try {
        Watched ref = (Watched) queue.remove(TICK_MILLIS);
        if (ref != null) {
          watched.remove(ref);
          if (ref.live.decrementAndGet() == 0) {
            ref.call.markAbandoned();
          }
        }
        long now = System.nanoTime();
        if (now - nextTick >= 0) { // a busy queue must not hold the tick off
          nextTick = now + TICK_MILLIS * 1_000_000;
          tick.run();
        }
      } catch (InterruptedException e) {
        return;
      } catch (Throwable t) {
        AgentLog.failure("abandoned-call detection", t);
      }
    }
  }

  private static final class Watched extends WeakReference<Object> {
    final ResultUse call;
    final AtomicInteger live;

    Watched(Object referent, ReferenceQueue<Object> queue, ResultUse call, AtomicInteger live) {
      super(referent, queue);
      this.call = call;
      this.live = live;
    }
  }
}
