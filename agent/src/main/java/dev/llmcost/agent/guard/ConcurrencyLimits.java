package dev.llmcost.agent.guard;

import dev.llmcost.agent.AgentLog;
import dev.llmcost.agent.AgentThreads;
import dev.llmcost.bootstrap.LlmConcurrencyLimitException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * At most N LLM calls in flight per provider (and per {@code provider/model} when configured),
 * the rest waiting in arrival order (fair semaphores). A permit is held until the call's exchange
 * ends on the wire, not until the client method returns. A wait is bounded: past
 * {@code maxWaitMillis} the call fails rather than hang the application.
 */
public final class ConcurrencyLimits {
  public static final String SETTING = "llmcost.guard.max_concurrent";
  private static final String ANY_PROVIDER = "*";

  private final Map<String, Integer> limits;
  private final Map<String, Semaphore> semaphores = new HashMap<>();
  /** Per provider, one agent thread waiting in turn for the calls that cannot wait themselves. */
  private final Map<String, ThreadPoolExecutor> waiters = new HashMap<>();
  private final long maxWaitMillis;

  ConcurrencyLimits(Map<String, Integer> limits, long maxWaitMillis) {
    this.limits = Map.copyOf(limits);
    // A huge value meant as "forever" must not overflow into no wait at all (in nanoseconds).
    this.maxWaitMillis = Math.min(Math.max(0, maxWaitMillis), Long.MAX_VALUE / 2_000_000L);
  }

  /**
   * Parses {@code 4} (every provider, each on its own) or {@code openai=4,anthropic=2,openai/gpt-4o=1};
   * empty or {@code 0} means no limit.
   */
  public static ConcurrencyLimits parse(String spec, long maxWaitMillis) {
    Map<String, Integer> limits = new HashMap<>();
    for (String part : spec.split("[,;]")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      String key = eq < 0 ? ANY_PROVIDER : p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      int n = Integer.parseInt(p.substring(eq + 1).trim());
      if (n > 0) {
        limits.put(key, n);
      }
    }
    return new ConcurrencyLimits(limits, maxWaitMillis);
  }

  public boolean enabled() {
    return !limits.isEmpty();
  }

  /**
   * Waits for the permits this call needs (its model's, then its provider's: always in that order,
   * so two calls never hold one each of the other's).
   */
  public Permit acquire(String provider, String model) throws LlmConcurrencyLimitException {
    return acquire(provider, model, System.nanoTime());
  }

  /**
   * The slots of a call to this provider if they are free now, taken in arrival order (behind the
   * calls already waiting); null when the call must wait. For a call whose model is not known yet.
   */
  public Permit tryAcquireNow(String provider) {
    List<Semaphore> needed = new ArrayList<>(1);
    neededFor(provider, null, needed, new ArrayList<>(1));
    if (needed.isEmpty()) {
      return Permit.NONE;
    }
    List<Semaphore> held = new ArrayList<>(needed.size());
    try {
      for (Semaphore s : needed) {
        if (!s.tryAcquire(0, TimeUnit.NANOSECONDS)) { // unlike tryAcquire(), honours the queue
          held.forEach(Semaphore::release);
          return null;
        }
        held.add(s);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      held.forEach(Semaphore::release);
      return null;
    }
    return new Permit(held, 0);
  }

  /**
   * Waits for a call's slots on an agent thread, for a client whose threads must not wait (an
   * event loop, a reactive subscription): {@code granted} gets them, or {@code refused} the
   * exception of a wait past its bound. The wait counts from now; the returned action cancels it
   * (slots granted after that are released at once).
   */
  public Runnable acquireLater(String provider, Consumer<Permit> granted,
      Consumer<LlmConcurrencyLimitException> refused) {
    long queued = System.nanoTime();
    AtomicBoolean cancelled = new AtomicBoolean();
    waiterFor(provider).execute(() -> {
      if (cancelled.get()) {
        return;
      }
      Permit permit;
      try {
        permit = acquire(provider, null, queued);
      } catch (LlmConcurrencyLimitException e) {
        if (!cancelled.get()) {
          refused.accept(e);
        }
        return;
      }
      if (cancelled.get()) {
        permit.release();
        return;
      }
      try {
        granted.accept(permit);
      } catch (RuntimeException | Error e) {
        permit.release();
        AgentLog.failure("resuming a call that waited for its slot", e);
      }
    });
    return () -> cancelled.set(true);
  }

  private ThreadPoolExecutor waiterFor(String provider) {
    synchronized (waiters) {
      return waiters.computeIfAbsent(provider.toLowerCase(Locale.ROOT),
          p -> AgentThreads.oneWhileBusy("llm-cost-agent-slots-" + p, new LinkedBlockingQueue<>()));
    }
  }

  private Permit acquire(String provider, String model, long started)
      throws LlmConcurrencyLimitException {
    List<Semaphore> needed = new ArrayList<>(2);
    List<String> names = new ArrayList<>(2);
    neededFor(provider, model, needed, names);
    List<Semaphore> held = new ArrayList<>(needed.size());
    try {
      for (int i = 0; i < needed.size(); i++) {
        long left = maxWaitMillis * 1_000_000L - (System.nanoTime() - started);
        if (!needed.get(i).tryAcquire(Math.max(0, left), TimeUnit.NANOSECONDS)) {
          throw new LlmConcurrencyLimitException(SETTING, "LLM call to " + names.get(i)
              + " waited " + maxWaitMillis + " ms for one of its " + limitOf(names.get(i))
              + " concurrent slots (" + SETTING + ", llmcost.guard.max_wait_ms); no request sent");
        }
        held.add(needed.get(i));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      held.forEach(Semaphore::release);
      LlmConcurrencyLimitException refused = new LlmConcurrencyLimitException(SETTING,
          "interrupted while waiting for an LLM concurrency slot (" + SETTING + "); no request sent");
      refused.initCause(e); // the application's doing, not a limit: see Guards.isInterrupt
      throw refused;
    } catch (LlmConcurrencyLimitException e) {
      held.forEach(Semaphore::release);
      throw e;
    }
    return new Permit(held, System.nanoTime() - started);
  }

  /** The semaphores a call needs, its model's first; their names beside them. */
  private void neededFor(String provider, String model, List<Semaphore> needed, List<String> names) {
    String p = provider.toLowerCase(Locale.ROOT);
    if (model != null) {
      addIfLimited(p + "/" + model.toLowerCase(Locale.ROOT), needed, names);
    }
    if (!addIfLimited(p, needed, names)) {
      addIfLimited(ANY_PROVIDER, p, needed, names);
    }
  }

  private boolean addIfLimited(String key, List<Semaphore> needed, List<String> names) {
    return addIfLimited(key, key, needed, names);
  }

  /** @param semaphoreKey a provider's own semaphore even when the limit is the default for all */
  private boolean addIfLimited(String limitKey, String semaphoreKey, List<Semaphore> needed,
      List<String> names) {
    Integer limit = limits.get(limitKey);
    if (limit == null) {
      return false;
    }
    synchronized (semaphores) {
      needed.add(semaphores.computeIfAbsent(semaphoreKey, k -> new Semaphore(limit, true)));
    }
    names.add(semaphoreKey);
    return true;
  }

  private int limitOf(String name) {
    Integer n = limits.get(name);
    return n != null ? n : limits.getOrDefault(ANY_PROVIDER, 0);
  }
}
