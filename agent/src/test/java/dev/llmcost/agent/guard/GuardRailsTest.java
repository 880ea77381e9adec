package dev.llmcost.agent.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.agent.call.CallRecord;
import dev.llmcost.agent.call.Outcome;
import dev.llmcost.agent.call.PricedCall;
import dev.llmcost.agent.pricing.Cost;
import dev.llmcost.agent.provider.Api;
import dev.llmcost.agent.provider.Endpoint;
import dev.llmcost.agent.provider.RequestInfo;
import dev.llmcost.bootstrap.LlmBudgetExceededException;
import dev.llmcost.bootstrap.LlmConcurrencyLimitException;
import java.util.ArrayList;
import java.util.List;
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
