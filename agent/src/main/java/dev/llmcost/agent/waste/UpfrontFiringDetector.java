package dev.llmcost.agent.waste;

import dev.llmcost.agent.AgentLog;
import dev.llmcost.agent.AgentThreads;
import dev.llmcost.agent.call.CallSite;
import dev.llmcost.agent.call.Outcome;
import dev.llmcost.agent.call.PricedCall;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Watches the recent outcomes of each call site, told apart by its caller (a helper making the
 * calls for several parts of the application is watched once per part). When most of a burst from
 * one site ends abandoned, the application fired requests up front and returned early. The burst
 * is counted at once ({@code onDetection}); the warning waits until the site has been quiet for a
 * moment (or the JVM exits) so that it states the whole burst: a warning the first time per site,
 * debug after.
 */
public final class UpfrontFiringDetector implements Consumer<PricedCall> {
  static final int WINDOW = 32;
  static final int MAX_SITES = 1000;
  /** Past {@link #MAX_SITES}, a site idle this long (no warning pending) makes room for a new one. */
  static final long IDLE_NANOS = TimeUnit.MINUTES.toNanos(10);
  /** Looking for idle sites goes over all of them: at most this often. */
  static final long SWEEP_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  private final Map<String, SiteWindow> sites = new ConcurrentHashMap<>();
  private final Consumer<UpfrontFiring> onDetection;
  private volatile ScheduledExecutorService flusher;
  private final AtomicLong nextSweep = new AtomicLong(Long.MIN_VALUE);

  public UpfrontFiringDetector(Consumer<UpfrontFiring> onDetection) {
    this.onDetection = onDetection;
  }

  @Override
  public void accept(PricedCall call) {
    CallSite site = call.record().callSite();
    if (site != null) {
      record(site, call.record().outcome() == Outcome.ABANDONED, call.wasteUsd(), System.nanoTime());
    }
  }

  void record(CallSite site, boolean abandoned, double wasteUsd, long nowNanos) {
    SiteWindow window = sites.get(site.pathKey());
    if (window == null) {
      if (sites.size() >= MAX_SITES && !forgetIdleSites(nowNanos)) {
        return; // bounded: past the cap, a new site waits until others have gone idle
      }
      window = sites.computeIfAbsent(site.pathKey(), k -> new SiteWindow(site));
    }
    if (abandoned) {
      window.abandonedFrom(site);
    }
    UpfrontFiring detection = window.add(abandoned, wasteUsd, nowNanos);
    if (detection != null) {
      onDetection.accept(detection);
      startFlusher();
    }
  }

  int sitesTracked() {
    return sites.size();
  }

  /** Forgets sites idle for {@link #IDLE_NANOS}, at most once a sweep interval; true if room was made. */
  private boolean forgetIdleSites(long nowNanos) {
    long due = nextSweep.get();
    if ((due != Long.MIN_VALUE && nowNanos - due < 0)
        || !nextSweep.compareAndSet(due, nowNanos + SWEEP_EVERY_NANOS)) {
      return false;
    }
    sites.values().removeIf(window -> window.idle(nowNanos, IDLE_NANOS));
    return sites.size() < MAX_SITES;
  }

  /** Logs every burst not yet logged, whether or not its site went quiet (at exit). */
  public void flushAll() {
    flush(Long.MAX_VALUE);
  }

  private void flush(long now) {
    for (SiteWindow window : sites.values()) {
      UpfrontFiring burst = window.takeWarning(now, QUIET_NANOS);
      if (burst != null) {
        if (window.firstWarning()) {
          AgentLog.warn(burst.message());
        } else {
          AgentLog.debug(burst.message());
        }
      }
    }
  }

  private synchronized void startFlusher() {
    if (flusher == null) {
      // Started by the thread that settled the first burst, often an application's: it must not
      // inherit (and keep for the JVM's life) that thread's context loader.
      flusher = Executors.newSingleThreadScheduledExecutor(
          r -> AgentThreads.daemon(r, "llm-cost-agent-waste"));
      flusher.scheduleWithFixedDelay(() -> flush(System.nanoTime()), 250, 250,
          TimeUnit.MILLISECONDS);
    }
  }

  /** The last {@link #WINDOW} outcomes of one call site, as a ring. */
  static final class SiteWindow {
    /** With the callers of the last abandoned call, which the warning names. */
    private CallSite site;
    private final boolean[] abandoned = new boolean[WINDOW];
    private int size;
    private int next;
    private int abandonedInWindow;
    private long abandonedTotal;
    private double wastedUsd;
    private boolean armed = true;
    private boolean warningPending;
    private boolean warned;
    private long lastNanos;
    /** The pending burst's window, last seen with its most abandoned calls. */
    private UpfrontFiring worst;

    SiteWindow(CallSite site) {
      this.site = site;
    }

    synchronized void abandonedFrom(CallSite callSite) {
      site = callSite;
    }

    /** Adds one outcome; returns the burst when this outcome reveals one. */
    synchronized UpfrontFiring add(boolean wasAbandoned, double wasteUsd, long nowNanos) {
      lastNanos = nowNanos;
      if (size == WINDOW && abandoned[next]) {
        abandonedInWindow--;
      }
      abandoned[next] = wasAbandoned;
      next = (next + 1) % WINDOW;
      size = Math.min(WINDOW, size + 1);
      if (wasAbandoned) {
        abandonedInWindow++;
        abandonedTotal++;
        wastedUsd += wasteUsd;
      }
      boolean burst = abandonedInWindow >= 2 && abandonedInWindow * 2 > size;
      if (burst && armed) {
        armed = false;
        warningPending = true;
        worst = snapshot();
        return worst;
      }
      if (warningPending && abandonedInWindow >= worst.abandonedInWindow()) {
        worst = snapshot(); // the burst still growing, or reads after it: the counts as they stand
      }
      if (abandonedInWindow * 4 <= size) {
        armed = true; // the burst is over; the next one is reported again
      }
      return null;
    }

    /**
     * The pending warning once the site was quiet long enough: the window as it stood while it
     * still held all the burst's abandoned calls (a window that slid on past them must not say
     * "0 of the last 32"), with the totals now.
     */
    synchronized UpfrontFiring takeWarning(long nowNanos, long quietNanos) {
      if (!warningPending || (nowNanos != Long.MAX_VALUE && nowNanos - lastNanos < quietNanos)) {
        return null;
      }
      warningPending = false;
      UpfrontFiring burst = worst != null ? worst : snapshot();
      worst = null;
      return new UpfrontFiring(site, burst.abandonedInWindow(), burst.callsInWindow(), abandonedTotal, wastedUsd);
    }

    /** No call for {@code idleNanos} and no warning waiting to be logged. */
    synchronized boolean idle(long nowNanos, long idleNanos) {
      return !warningPending && nowNanos - lastNanos >= idleNanos;
    }

    /** True the first time it is asked: the first burst of a site is a warning. */
    synchronized boolean firstWarning() {
      boolean first = !warned;
      warned = true;
      return first;
    }

    private UpfrontFiring snapshot() {
      return new UpfrontFiring(site, abandonedInWindow, size, abandonedTotal, wastedUsd);
    }
  }
}
