package dev.llmcost.agent.guard;

import dev.llmcost.agent.AgentLog;
import dev.llmcost.bootstrap.LlmGuardException;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The guard rails a call passes before it is sent: the hard budget, then its concurrency slot.
 * All off by default, and then this costs two field reads.
 */
public final class Guards {
  public static final Guards OFF = new Guards(ConcurrencyLimits.parse("", 0),
      new SpendBudget(0, 0, GuardEvents.NONE), GuardEvents.NONE);

  private final ConcurrencyLimits concurrency;
  private final SpendBudget budget;
  private final GuardEvents events;

  public Guards(ConcurrencyLimits concurrency, SpendBudget budget, GuardEvents events) {
    this.concurrency = concurrency;
    this.budget = budget;
    this.events = events;
  }

  /** A hard budget or a concurrency limit is set: each call's end must be counted at once. */
  public boolean needSpendFirst() {
    return budget.hardEnabled() || concurrency.enabled();
  }

  /**
   * Admits a call, waiting for its slot if it must.
   *
   * @param canRefuse false for a transport that cannot yet fail a call before sending it: a
   *     refusal is then logged once and the call let through
   */
  public Permit admit(String provider, String model, boolean canRefuse) throws LlmGuardException {
    return admit(provider, model, Map.of(), Map.of(), canRefuse);
  }

  /** As {@link #admit(String, String, Map, Map, boolean)} without baggage. */
  public Permit admit(String provider, String model, Map<String, String> tags, boolean canRefuse)
      throws LlmGuardException {
    return admit(provider, model, tags, Map.of(), canRefuse);
  }

  /**
   * Admits a call carrying these tags (the budgets of its tags apply too; a tag not set with the
   * tagging API may come from the call's baggage entries), waiting for its slot if it must.
   *
   * @param canRefuse false for a transport that cannot yet fail a call before sending it: a
   *     refusal is then logged once and the call let through
   */
  public Permit admit(String provider, String model, Map<String, String> tags,
      Map<String, String> baggage, boolean canRefuse) throws LlmGuardException {
    try {
      budget.check(provider, tags, baggage);
      if (!concurrency.enabled()) {
        return Permit.NONE;
      }
      Permit permit = concurrency.acquire(provider, model);
      try {
        budget.check(provider, tags, baggage); // the calls it waited for may have spent it
      } catch (LlmGuardException e) {
        permit.release();
        throw e;
      }
      return permit;
    } catch (LlmGuardException e) {
      refused(e, canRefuse);
      return Permit.NONE;
    }
  }

  /**
   * For a call started where nothing may wait (a client's event loop): the budgets are checked and
   * an excess logged, as for a transport that cannot refuse; no concurrency slot is waited for.
   */
  public Permit admitWithoutWaiting(String provider, Map<String, String> tags,
      Map<String, String> baggage) {
    try {
      budget.check(provider, tags, baggage);
    } catch (LlmGuardException e) {
      letThrough(e);
    }
    return Permit.NONE;
  }

  /**
   * The concurrency slot of a call another thread will send (Reactor Netty sends from an event
   * loop), taken where the application asks for it, without waiting: {@link Permit#NONE} when no
   * limit applies, null when the call must wait ({@link #admitLater}). Per provider: the model is
   * not known yet.
   */
  public Permit tryAdmitNow(String provider) {
    return concurrency.enabled() ? concurrency.tryAcquireNow(provider) : Permit.NONE;
  }

  /**
   * Waits for that slot on an agent thread: {@code granted} gets it, or {@code refused} the
   * refusal of a wait past {@code llmcost.guard.max_wait_ms} (counted and logged as any refusal).
   * Returns what cancels the wait.
   */
  public Runnable admitLater(String provider, Consumer<Permit> granted,
      Consumer<LlmGuardException> refused) {
    return concurrency.acquireLater(provider, granted, e -> {
      counted(e);
      refused.accept(e);
    });
  }

  /**
   * The hard budgets alone, for a transport that must decide before the request starts to leave
   * (HttpURLConnection's {@code getOutputStream()}); no concurrency slot is taken.
   */
  public void checkBudget(String provider, Map<String, String> tags, Map<String, String> baggage)
      throws LlmGuardException {
    try {
      budget.check(provider, tags, baggage);
    } catch (LlmGuardException e) {
      refused(e, true);
    }
  }

  /** The application interrupted the thread waiting for a slot: no limit refused the call. */
  public static boolean isInterrupt(LlmGuardException e) {
    return e.getCause() instanceof InterruptedException;
  }

  /** Throws {@code e} when the transport can refuse, else logs it once and returns. */
  /** A refusal the calling client cannot act on: said once, the call goes on. */
  private static void letThrough(LlmGuardException e) {
    AgentLog.warnOnce("guard-let-through:" + e.limit(),
        e.getMessage() + " — but this HTTP client's calls cannot be refused yet; let through");
  }

  private void refused(LlmGuardException e, boolean canRefuse) throws LlmGuardException {
    if (!canRefuse) {
      letThrough(e);
      return;
    }
    counted(e);
    throw e;
  }

  private void counted(LlmGuardException e) {
    if (!isInterrupt(e)) {
      events.rejected(e.limit());
      AgentLog.warnOnce("guard:" + e.limit(), e.getMessage() + " (logged once)");
    }
  }
}
