package dev.llmcost.agent.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.agent.guard.BudgetLimits.Scope;
import dev.llmcost.agent.pricing.AgentLogCapture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BudgetLimitsTest {
  private static final String HARD = SpendBudget.HARD;

  @Test
  void aPlainNumberIsTheGlobalBudgetAndZeroOrEmptyIsNone() {
    assertEquals(Map.of(Scope.GLOBAL, 2.5), BudgetLimits.parse(HARD, "2.5"));
    assertEquals(Map.of(), BudgetLimits.parse(HARD, "0"));
    assertEquals(Map.of(), BudgetLimits.parse(HARD, ""));
    assertEquals(Map.of(), BudgetLimits.parse(HARD, null));
  }

  @Test
  void providerAndTagEntriesSitBesideTheGlobalOneSeparatedBySemicolonsOrCommas() {
    Map<Scope, Double> limits = BudgetLimits.parse(HARD,
        " 10 ; OpenAI=5;anthropic = 2.5, tag.feature=search=1.0;tag.tenant = acme=.25");
    assertEquals(List.of(Scope.GLOBAL, Scope.provider("openai"), Scope.provider("anthropic"),
        Scope.tag("feature", "search"), Scope.tag("tenant", "acme")), List.copyOf(limits.keySet()));
    assertEquals(List.of(10.0, 5.0, 2.5, 1.0, 0.25), List.copyOf(limits.values()));
    assertEquals("llmcost.budget.hard_usd[openai]", Scope.provider("openai").name(HARD));
    assertEquals("llmcost.budget.hard_usd[tag.feature=search]", Scope.tag("feature", "search").name(HARD));
    assertEquals(HARD, Scope.GLOBAL.name(HARD));
  }

  @Test
  void aTagValueMayHoldAnEqualsSignAndALaterEntryForTheSameScopeWins() {
    assertEquals(Map.of(Scope.tag("q", "a=b"), 3.0), BudgetLimits.parse(HARD, "tag.q=a=b=3"));
    assertEquals(Map.of(Scope.provider("openai"), 2.0), BudgetLimits.parse(HARD, "openai=1;openai=2"));
    assertEquals(Map.of(), BudgetLimits.parse(HARD, "openai=1;openai=0"), "0 takes a budget away");
  }

  @Test
  void eachBadEntryIsReportedInOneLineAndIgnoredWhileTheRestAreKept() {
    try (AgentLogCapture log = new AgentLogCapture()) {
      Map<Scope, Double> limits = BudgetLimits.parse(HARD,
          "openai=five;anthropic=2;=3;tag.feature=4;-1;tag.=x=1;1e3;gemini=NaN;my provider=1;tag.user=u-1=0.5");
      assertEquals(Map.of(Scope.provider("anthropic"), 2.0, Scope.tag("user", "u-1"), 0.5), limits);
      List<String> lines = log.lines();
      assertEquals(8, lines.size(), String.join("\n", lines));
      assertTrue(lines.get(0).contains("setting llmcost.budget.hard_usd: entry 'openai=five' is not a budget"
          + " (USD, PROVIDER=USD or tag.KEY=VALUE=USD, entries separated by ';'); that entry is ignored"),
          lines.get(0));
      assertTrue(lines.get(2).contains("'tag.feature=4'"), lines.get(2));
    }
  }

  @Test
  void aScopeCoversCallsByProviderOrByTag() {
    assertTrue(Scope.GLOBAL.covers("openai", Map.of()));
    assertTrue(Scope.provider("openai").covers("OpenAI", Map.of()));
    assertFalse(Scope.provider("openai").covers("anthropic", Map.of("feature", "search")));
    assertFalse(Scope.provider("openai").covers(null, Map.of()));
    assertTrue(Scope.tag("feature", "search").covers("anthropic", Map.of("feature", "search", "u", "1")));
    assertFalse(Scope.tag("feature", "search").covers("openai", Map.of("feature", "chat")));
    assertFalse(Scope.tag("feature", "search").covers("openai", null));
  }

  @Test
  void aTagNotSetInCodeMayComeFromBaggageAsForMetricDimensions() {
    Scope search = Scope.tag("feature", "search");
    assertTrue(search.covers("openai", Map.of(), Map.of("feature", "search")));
    assertTrue(search.covers("openai", Map.of(), Map.of("llmcost.feature", "search")));
    assertFalse(search.covers("openai", Map.of("feature", "chat"), Map.of("feature", "search")),
        "code wins over baggage");
  }
}
