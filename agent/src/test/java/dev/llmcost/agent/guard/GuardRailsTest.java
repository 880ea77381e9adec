package dev.llmcost.agent.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.agent.call.CallRecord;
import dev.llmcost.agent.call.CallTags;
import dev.llmcost.agent.call.Outcome;
import dev.llmcost.agent.call.PricedCall;
import dev.llmcost.agent.pricing.Cost;
import dev.llmcost.agent.provider.Api;
import dev.llmcost.agent.provider.Endpoint;
import dev.llmcost.agent.provider.RequestInfo;
import dev.llmcost.bootstrap.LlmBudgetExceededException;
import dev.llmcost.bootstrap.LlmConcurrencyLimitException;
import dev.llmcost.bootstrap.LlmGuardException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GuardRailsTest {
  private final List<String> reached = new ArrayList<>();
  private final List<String> rejected = new ArrayList<>();
  private final GuardEvents events = new GuardEvents() {
    @Override
    public void rejected(String limit) {
      rejected.add(limit);
    }

    @Override
    public void limitReached(String limit) {
      reached.add(limit);
    }
  };

  private static PricedCall wasting(double usd, long endSeconds) {
    PricedCall c = costing(usd, endSeconds);
    return new PricedCall(c.record(), null, c.cost(), usd, false);
  }

  private static PricedCall costing(double usd, long endSeconds) {
    CallRecord r = new CallRecord(new Endpoint("openai", Api.OPENAI_CHAT_COMPLETIONS, true), "h", 443,
        RequestInfo.UNKNOWN, null, 200, null, Outcome.CONSUMED, 0, endSeconds * 1_000_000_000L, -1,
        null, null, 0);
    return new PricedCall(r, null, new Cost(usd, 0, 0, 0, "test"), 0, false);
  }

  private static PricedCall costing(double usd, String provider, Map<String, String> tags) {
    CallRecord r = new CallRecord(new Endpoint(provider, Api.OPENAI_CHAT_COMPLETIONS, true), "h", 443,
        RequestInfo.UNKNOWN, null, 200, null, Outcome.CONSUMED, 0, 1_000_000_000L, -1,
        null, null, 0, new CallTags("main", tags), -1);
    return new PricedCall(r, null, new Cost(usd, 0, 0, 0, "test"), 0, false);
  }

  private static SpendBudget budget(String soft, String hard, GuardEvents events) {
    return new SpendBudget(BudgetLimits.parse(SpendBudget.SOFT, soft),
        BudgetLimits.parse(SpendBudget.HARD, hard), SpendBudget.Period.RUN, () -> 0L, events);
  }

  @Test
  void aProviderBudgetRefusesOnlyThatProvidersCalls() throws Exception {
    SpendBudget budget = budget("", "openai=1.0", events);
    Guards guards = new Guards(ConcurrencyLimits.parse("", 0), budget, events);
    budget.accept(costing(0.6, "openai", Map.of()));
    budget.accept(costing(5.0, "anthropic", Map.of())); // counts toward no budget
    guards.admit("openai", "gpt-4o", Map.of(), true);
    budget.accept(costing(0.4, "openai", Map.of()));
    LlmBudgetExceededException e = assertThrows(LlmBudgetExceededException.class,
        () -> guards.admit("openai", "gpt-4o", Map.of(), true));
    assertEquals("llmcost.budget.hard_usd[openai]", e.limit());
    assertTrue(e.getMessage().contains("$1.000000 spent on openai calls in this run, "
        + "hard limit llmcost.budget.hard_usd[openai]=$1.000000; no request sent"), e.getMessage());
    guards.admit("anthropic", "claude-sonnet-4-5", Map.of(), true);
    guards.admit("anthropic", "claude-sonnet-4-5", true);
    budget.check(); // no global budget
    assertEquals(List.of("llmcost.budget.hard_usd[openai]"), reached);
    assertEquals(List.of("llmcost.budget.hard_usd[openai]"), rejected);
  }

  @Test
  void aTagBudgetRefusesOnlyCallsCarryingThatTagWhateverTheirProvider() throws Exception {
    SpendBudget budget = budget("tag.feature=search=0.5", "tag.feature=search=1.0", events);
    Guards guards = new Guards(ConcurrencyLimits.parse("", 0), budget, events);
    Map<String, String> search = Map.of("feature", "search", "user", "u-1");
    budget.accept(costing(0.6, "openai", search));
    budget.accept(costing(9.0, "openai", Map.of("feature", "chat")));
    budget.accept(costing(9.0, "openai", Map.of()));
    assertEquals(List.of("llmcost.budget.soft_usd[tag.feature=search]"), reached, "soft only");
    budget.accept(costing(0.5, "anthropic", Map.of("feature", "search")));
    LlmBudgetExceededException e = assertThrows(LlmBudgetExceededException.class,
        () -> guards.admit("openai", "gpt-4o", search, true));
    assertEquals("llmcost.budget.hard_usd[tag.feature=search]", e.limit());
    assertTrue(e.getMessage().contains("$1.100000 spent on calls tagged feature=search in this run"),
        e.getMessage());
    assertThrows(LlmBudgetExceededException.class,
        () -> guards.admit("anthropic", "claude", Map.of("feature", "search"), true));
    guards.admit("openai", "gpt-4o", Map.of("feature", "chat"), true);
    guards.admit("openai", "gpt-4o", Map.of(), true);
    budget.accept(costing(5.0, "openai", search));
    assertEquals(List.of("llmcost.budget.soft_usd[tag.feature=search]",
        "llmcost.budget.hard_usd[tag.feature=search]"), reached, "each budget's crossing once");
  }

  @Test
  void aCallCountsTowardEveryBudgetItBelongsToAndTheGlobalOneStillRefusesAll() throws Exception {
    SpendBudget budget = budget("", "2.0;openai=1.5;tag.tenant=acme=3", events);
    Guards guards = new Guards(ConcurrencyLimits.parse("", 0), budget, events);
    budget.accept(costing(1.0, "openai", Map.of("tenant", "acme")));
    budget.accept(costing(0.9, "anthropic", Map.of("tenant", "acme")));
    guards.admit("anthropic", "claude", Map.of(), true); // global $1.90 of $2
    budget.accept(costing(0.6, "openai", Map.of("tenant", "acme"))); // openai $1.60, global $2.50
    assertEquals(List.of("llmcost.budget.hard_usd", "llmcost.budget.hard_usd[openai]"), reached);
    LlmBudgetExceededException e = assertThrows(LlmBudgetExceededException.class,
        () -> guards.admit("openai", "gpt-4o", Map.of("tenant", "acme"), true));
    assertEquals(SpendBudget.HARD, e.limit(), "the global limit named first");
    assertTrue(e.getMessage().contains("LLM budget exceeded: $2.500000 spent in this run, hard limit "
        + "llmcost.budget.hard_usd=$2.000000"), e.getMessage());
    assertThrows(LlmBudgetExceededException.class, () -> guards.admit("anthropic", "claude", Map.of(), true));
    budget.accept(costing(0.6, "anthropic", Map.of("tenant", "acme"))); // acme $3.10
    assertEquals(3, reached.size(), reached.toString());
    assertEquals("llmcost.budget.hard_usd[tag.tenant=acme]", reached.get(2));
  }

  @Test
  void providerAndTagBudgetsStartAgainWithEachPeriod() throws Exception {
    long[] now = {5 * 86_400_000L};
    SpendBudget budget = new SpendBudget(Map.of(),
        BudgetLimits.parse(SpendBudget.HARD, "openai=1;tag.feature=search=1"), SpendBudget.Period.DAY,
        () -> now[0], events);
    budget.accept(costing(1.0, "openai", Map.of()));
    budget.accept(costing(1.0, "anthropic", Map.of("feature", "search")));
    assertThrows(LlmBudgetExceededException.class, () -> budget.check("openai", Map.of()));
    LlmBudgetExceededException e = assertThrows(LlmBudgetExceededException.class,
        () -> budget.check("anthropic", Map.of("feature", "search")));
    assertTrue(e.getMessage().contains("spent on calls tagged feature=search this day (UTC)"), e.getMessage());
    budget.check("anthropic", Map.of());
    now[0] += 86_400_000L;
    budget.check("openai", Map.of());
    budget.check("anthropic", Map.of("feature", "search"));
  }

  @Test
  void theHardBudgetRefusesNewCallsOnceSpendReachesItAndNamesTheLimit() throws Exception {
    SpendBudget budget = new SpendBudget(0.5, 1.0, events);
    budget.accept(costing(0.6, 1));
    budget.check(); // past the soft limit only
    assertEquals(List.of(SpendBudget.SOFT), reached);
    budget.accept(costing(0.4, 2));
    LlmBudgetExceededException e = assertThrows(LlmBudgetExceededException.class, budget::check);
    assertEquals(SpendBudget.HARD, e.limit());
    assertTrue(e.getMessage().contains("llmcost.budget.hard_usd=$1.000000"), e.getMessage());
    budget.accept(costing(0.4, 3));
    assertEquals(List.of(SpendBudget.SOFT, SpendBudget.HARD), reached, "each crossing reported once");
  }

  @Test
  void theWasteAlertFiresWhenTheWastedShareOfTheLastMinuteGoesPastItsThreshold() {
    SpendAlerts alert = new SpendAlerts(0, 0.5, events);
    alert.accept(costing(1.0, 0));
    alert.accept(wasting(0.9, 5)); // 47% wasted
    assertEquals(List.of(), reached);
    alert.accept(wasting(0.5, 6)); // 58%
    alert.accept(wasting(0.5, 7)); // still above: no second alert
    assertEquals(List.of(SpendAlerts.WASTE_SHARE), reached);
  }

  @Test
  void anHourlyBudgetRefusesCallsUntilTheNextHourBegins() throws Exception {
    long[] now = {10 * 3_600_000L + 1_000};
    SpendBudget budget = new SpendBudget(0, 1.0, SpendBudget.Period.HOUR, () -> now[0], events);
    budget.accept(costing(1.2, 1));
    LlmBudgetExceededException e = assertThrows(LlmBudgetExceededException.class, budget::check);
    assertTrue(e.getMessage().contains("spent this hour (UTC)"), e.getMessage());
    now[0] += 3_600_000L; // the next hour
    budget.check();
    budget.accept(costing(0.5, 2));
    budget.check(); // $0.50 this hour
    assertEquals(List.of(SpendBudget.HARD), reached);
  }

  /** Calls queued for a slot were let through once the call ahead of them spent the budget. */
  @Test
  void aCallThatWaitedForItsSlotIsRefusedWhenTheCallsAheadSpentTheBudget() throws Exception {
    SpendBudget budget = budget("", "0.01", events);
    ConcurrencyLimits limits = ConcurrencyLimits.parse("openai=1", 5_000);
    Guards guards = new Guards(limits, budget, events);
    Permit ahead = guards.admit("openai", "gpt-4o", true);
    CompletableFuture<Object> queued = CompletableFuture.supplyAsync(() -> {
      try {
        return guards.admit("openai", "gpt-4o", true);
      } catch (LlmGuardException e) {
        return e;
      }
    });
    Thread.sleep(100); // the second call is waiting for the slot
    budget.accept(costing(0.075, "openai", Map.of())); // the call ahead ends, past the budget
    ahead.release();
    Object outcome = queued.get(5, TimeUnit.SECONDS);
    assertTrue(outcome instanceof LlmBudgetExceededException, "refused, not sent: " + outcome);
    limits.acquire("openai", "gpt-4o").release(); // the refused call gave its slot back
  }

  @Test
  void aHugeMaximumWaitMeansWaitingNotFailingAtOnce() throws Exception {
    ConcurrencyLimits limits = ConcurrencyLimits.parse("openai=1", Long.MAX_VALUE);
    Permit first = limits.acquire("openai", "gpt-4o");
    CompletableFuture<Permit> second = CompletableFuture.supplyAsync(() -> {
      try {
        return limits.acquire("openai", "gpt-4o");
      } catch (LlmGuardException e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(100);
    assertFalse(second.isDone(), "still waiting, not refused");
    first.release();
    second.get(5, TimeUnit.SECONDS).release();
  }

  @Test
  void aCallWaitsForASlotInOrderAndAnotherProviderDoesNot() throws Exception {
    ConcurrencyLimits limits = ConcurrencyLimits.parse("openai=2", 0);
    Permit first = limits.acquire("openai", "gpt-4o");
    Permit second = limits.acquire("openai", "gpt-4o-mini");
    assertThrows(LlmConcurrencyLimitException.class, () -> limits.acquire("openai", "gpt-4o"),
        "no slot and no time to wait");
    assertSame(Permit.NONE.getClass(), limits.acquire("anthropic", "claude").getClass());
    assertFalse(limits.acquire("anthropic", "claude").limited(), "no limit for anthropic");
    first.release();
    first.release(); // released once only
    Permit third = limits.acquire("openai", "gpt-4o");
    assertThrows(LlmConcurrencyLimitException.class, () -> limits.acquire("openai", "gpt-4o"));
    second.release();
    third.release();
  }

  /** For clients whose threads must not wait (Reactor Netty): a slot now, or one granted later. */
  @Test
  void aSlotIsTakenNowIfFreeElseGrantedLaterInTurnOnAnAgentThread() throws Exception {
    Guards guards = new Guards(ConcurrencyLimits.parse("openai=1", 5_000), budget("", "", events),
        events);
    Permit now = guards.tryAdmitNow("openai");
    assertTrue(now.limited());
    assertEquals(null, guards.tryAdmitNow("openai"), "taken: must wait");
    assertSame(Permit.NONE, guards.tryAdmitNow("anthropic"), "no limit there");
    CompletableFuture<Permit> second = new CompletableFuture<>();
    CompletableFuture<Permit> third = new CompletableFuture<>();
    CompletableFuture<Thread> grantedOn = new CompletableFuture<>();
    guards.admitLater("openai", p -> {
      grantedOn.complete(Thread.currentThread());
      second.complete(p);
    }, second::completeExceptionally);
    guards.admitLater("openai", third::complete, third::completeExceptionally);
    Thread.sleep(100);
    assertFalse(second.isDone(), "waits while the slot is held");
    now.release();
    Permit secondSlot = second.get(5, TimeUnit.SECONDS);
    assertTrue(grantedOn.get().getName().startsWith("llm-cost-agent-slots-"), grantedOn.get().getName());
    assertFalse(third.isDone(), "in turn: the third waits for the second");
    secondSlot.release();
    third.get(5, TimeUnit.SECONDS).release();
    assertEquals(List.of(), rejected);
  }

  @Test
  void aCancelledWaitTakesNoSlotAndATooLongOneIsRefusedAndCounted() throws Exception {
    Guards guards = new Guards(ConcurrencyLimits.parse("openai=1", 200), budget("", "", events),
        events);
    Permit held = guards.tryAdmitNow("openai");
    CompletableFuture<Permit> cancelled = new CompletableFuture<>();
    Runnable cancel = guards.admitLater("openai", cancelled::complete, cancelled::completeExceptionally);
    cancel.run();
    CompletableFuture<LlmGuardException> refused = new CompletableFuture<>();
    guards.admitLater("openai", p -> refused.completeExceptionally(new AssertionError("granted")),
        refused::complete);
    LlmGuardException e = refused.get(5, TimeUnit.SECONDS);
    assertEquals(ConcurrencyLimits.SETTING, e.limit());
    assertEquals(List.of(ConcurrencyLimits.SETTING), rejected);
    held.release();
    Permit next = guards.tryAdmitNow("openai");
    assertTrue(next != null && next.limited(), "the cancelled wait took nothing");
    assertFalse(cancelled.isDone());
    assertTrue(next.claim());
    assertFalse(next.claim(), "claimed once");
    assertFalse(Permit.NONE.claim(), "nothing to claim");
    next.release();
  }

  @Test
  void aSingleNumberLimitsEachProviderOnItsOwnAndAModelLimitAddsToIt() throws Exception {
    ConcurrencyLimits each = ConcurrencyLimits.parse("1", 0);
    Permit openai = each.acquire("openai", null);
    Permit anthropic = each.acquire("anthropic", null);
    assertThrows(LlmConcurrencyLimitException.class, () -> each.acquire("openai", null));
    openai.release();
    anthropic.release();

    ConcurrencyLimits byModel = ConcurrencyLimits.parse("openai=3,openai/gpt-4o=1", 0);
    Permit big = byModel.acquire("openai", "gpt-4o");
    assertThrows(LlmConcurrencyLimitException.class, () -> byModel.acquire("openai", "gpt-4o"));
    Permit small = byModel.acquire("openai", "gpt-4o-mini");
    Permit small2 = byModel.acquire("openai", "gpt-4o-mini");
    assertThrows(LlmConcurrencyLimitException.class, () -> byModel.acquire("openai", "gpt-4o-mini"),
        "the provider's 3 slots are taken");
    big.release();
    small.release();
    small2.release();
  }

  @Test
  void guardsOffAdmitEverythingWithoutAPermit() throws Exception {
    for (int i = 0; i < 1000; i++) {
      assertFalse(Guards.OFF.admit("openai", "gpt-4o", true).limited());
    }
    assertFalse(ConcurrencyLimits.parse("", 0).enabled());
    assertFalse(ConcurrencyLimits.parse("0", 0).enabled());
  }

  @Test
  void aRefusalIsCountedByItsLimitOrLetThroughWhereTheClientCannotRefuse() throws Exception {
    SpendBudget budget = new SpendBudget(0, 0.1, events);
    budget.accept(costing(0.2, 1));
    Guards guards = new Guards(ConcurrencyLimits.parse("", 0), budget, events);
    assertFalse(guards.admit("openai", "gpt-4o", false).limited(), "let through");
    assertEquals(List.of(), rejected);
    assertThrows(LlmBudgetExceededException.class, () -> guards.admit("openai", "gpt-4o", true));
    assertEquals(List.of(SpendBudget.HARD), rejected);
  }

  @Test
  void theSpendRateAlertFiresOncePerCrossingOfTheOneMinuteWindow() {
    SpendAlerts alert = new SpendAlerts(1.0, 0, events);
    alert.accept(costing(0.6, 0));
    alert.accept(costing(0.6, 10)); // $1.20 within a minute
    alert.accept(costing(0.6, 20)); // still above: no second alert
    assertEquals(List.of(SpendAlerts.RATE), reached);
    alert.accept(costing(0.1, 200)); // the window has moved on: back under
    alert.accept(costing(0.5, 201));
    alert.accept(costing(0.5, 202)); // $1.10: above again
    assertEquals(List.of(SpendAlerts.RATE, SpendAlerts.RATE), reached);
  }
}
