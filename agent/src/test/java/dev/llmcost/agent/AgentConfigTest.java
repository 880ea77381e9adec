package dev.llmcost.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AgentConfigTest {
  @Test
  void agentArgumentsWinOverPropertiesWhichWinOverEnvironment() {
    AgentConfig config = new AgentConfig("shutdown.grace_ms=100",
        Map.of("llmcost.shutdown.grace_ms", "200", "llmcost.cancel_abandoned", "true"),
        Map.of("LLMCOST_SHUTDOWN_GRACE_MS", "300", "LLMCOST_CANCEL_ABANDONED", "false",
            "LLMCOST_SHUTDOWN_CANCEL", "false"));
    assertEquals(100, config.getLong("llmcost.shutdown.grace_ms"));
    assertTrue(config.getBoolean("llmcost.cancel_abandoned"));
    assertFalse(config.getBoolean("llmcost.shutdown.cancel"));
  }

  /** Agent arguments are split at commas, which list values contain too. */
  @Test
  void aListValueInAgentArgumentsKeepsItsCommas() {
    AgentConfig config = new AgentConfig("baggage.keys=tenant,team,log.level=debug,"
        + "guard.max_concurrent=openai=2,openai/gpt-4o=1,shutdown.cancel=false", Map.of(), Map.of());
    assertEquals(Set.of("tenant", "team"), config.getSet("llmcost.baggage.keys"));
    assertEquals("debug", config.get("llmcost.log.level"));
    assertEquals("openai=2,openai/gpt-4o=1", config.get("llmcost.guard.max_concurrent"));
    assertEquals(false, config.getBoolean("llmcost.shutdown.cancel"));
  }

  /** A misspelt setting after a list of names is reported, not taken for one of its names. */
  @Test
  void aTypoAfterAListOfNamesIsAnUnknownSetting() {
    AgentConfig config = new AgentConfig("baggage.keys=tenant,team,lgo.level=debug", Map.of(),
        Map.of());
    assertEquals(Set.of("tenant", "team"), config.getSet("llmcost.baggage.keys"));
    try (dev.llmcost.agent.pricing.AgentLogCapture log = new dev.llmcost.agent.pricing.AgentLogCapture()) {
      config.warnAboutUnknownKeys();
      assertTrue(log.lines().stream().anyMatch(l -> l.contains("unknown setting llmcost.lgo.level")),
          log.lines().toString());
    }
  }

  /** A share above 1 can never be reached (most likely a percentage): one line, the default kept. */
  @Test
  void aShareAboveOneIsReportedAndTheDefaultKept() {
    AgentConfig config = new AgentConfig("alert.waste_share=50", Map.of(), Map.of());
    try (dev.llmcost.agent.pricing.AgentLogCapture log = new dev.llmcost.agent.pricing.AgentLogCapture()) {
      assertEquals(0.0, config.getShare("llmcost.alert.waste_share"), "0: the waste alert is off");
      assertTrue(log.lines().stream().anyMatch(l -> l.contains(
          "llmcost.alert.waste_share=50 is not valid; using 0")), log.lines().toString());
    }
    assertEquals(0.5, new AgentConfig("alert.waste_share=0.5", Map.of(), Map.of())
        .getShare("llmcost.alert.waste_share"));
  }

  @Test
  void aBadValueFallsBackToTheDefault() {
    AgentConfig config = new AgentConfig(null,
        Map.of("llmcost.shutdown.grace_ms", "soon", "llmcost.enabled", "yes"), Map.of());
    assertEquals(2000, config.getLong("llmcost.shutdown.grace_ms"));
    assertTrue(config.getBoolean("llmcost.enabled"));
  }

  @Test
  void otelSettingsInAgentArgumentsAreHandedToTheSdk() {
    AgentConfig config = new AgentConfig("otel.service.name=checkout,log.level=debug", Map.of(), Map.of());
    assertEquals(Map.of("otel.service.name", "checkout"), config.otelOverrides());
    assertEquals("debug", config.get("llmcost.log.level"));
  }

  @Test
  void everySettingIsInTheReadmesConfigurationTable() throws Exception {
    String readme = java.nio.file.Files.readString(java.nio.file.Path.of("..", "README.md"));
    for (String key : AgentConfig.DEFAULTS.keySet()) {
      assertTrue(readme.contains("| `" + key + "` |"), key + " is missing from the README's table");
    }
  }

  @Test
  void amountsAreDecimalsAndABadOneKeepsTheDefault() {
    AgentConfig config = new AgentConfig("budget.hard_usd=2.5,budget.soft_usd=lots", Map.of(), Map.of());
    assertEquals(2.5, config.getDouble("llmcost.budget.hard_usd"));
    assertEquals(0.0, config.getDouble("llmcost.budget.soft_usd"));
  }
}
