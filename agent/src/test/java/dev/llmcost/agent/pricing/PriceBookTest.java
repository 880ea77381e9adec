package dev.llmcost.agent.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.agent.usage.Usage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every billing mode against hand-computed dollars, to the micro-dollar. Prices are the bundled
 * table's (2026-11-23), read from the providers' public pages: developers.openai.com/api/docs/pricing,
 * platform.claude.com/docs/en/about-claude/pricing, ai.google.dev/gemini-api/docs/pricing.
 */
class PriceBookTest {
  private static final double MICRO = 1e-6;
  private static final PriceBook BOOK = PriceBook.load(null);

  private static Usage usage(long input, long output, long cacheRead, long write5m, long write1h,
      long reasoning) {
    return new Usage(input, output, cacheRead, write5m, write1h, reasoning, false);
  }

  private static void assertCost(Cost cost, double input, double cacheRead, double cacheWrite,
      double output) {
    assertNotNull(cost, "expected a price");
    assertEquals(input, cost.inputUsd(), MICRO, "input");
    assertEquals(cacheRead, cost.cacheReadUsd(), MICRO, "cache read");
    assertEquals(cacheWrite, cost.cacheWriteUsd(), MICRO, "cache write");
    assertEquals(output, cost.outputUsd(), MICRO, "output");
    assertEquals(input + cacheRead + cacheWrite + output, cost.totalUsd(), MICRO, "total");
  }

  @Test
  void plainInputAndOutputAreTokensTimesPrice() {
    Cost cost = BOOK.price("openai", "gpt-4o", usage(1_000_000, 500_000, 0, 0, 0, 0));
    // 1,000,000 input × $2.50/M = $2.50; 500,000 output × $10/M = $5.00
    assertCost(cost, 2.50, 0, 0, 5.00);
    assertEquals("bundled 2026-11-23 openai/gpt-4o", cost.source());
  }

  @Test
  void openAiCachedInputIsBilledAtTheCachedPrice() {
    // prompt_tokens 1,200,000 of which 1,000,000 cached
    Cost cost = BOOK.price("openai", "gpt-4.1", usage(1_200_000, 100_000, 1_000_000, 0, 0, 0));
    // 200,000 uncached × $2/M = $0.40; 1,000,000 cached × $0.50/M = $0.50;
    // 100,000 output × $8/M = $0.80
    assertCost(cost, 0.40, 0.50, 0, 0.80);
  }

  @Test
  void anthropicCacheReadAndFiveMinuteAndOneHourWritesHaveTheirOwnPrices() {
    // input 2,700,000 = 100,000 plain + 2,000,000 read + 400,000 5m writes + 200,000 1h writes
    Cost cost = BOOK.price("anthropic", "claude-opus-4-5",
        usage(2_700_000, 40_000, 2_000_000, 400_000, 200_000, 0));
    // 100,000 × $5/M = $0.50; 2,000,000 read × $0.50/M = $1.00;
    // 400,000 × $6.25/M = $2.50 plus 200,000 × $10/M = $2.00 → writes $4.50;
    // 40,000 output × $25/M = $1.00
    assertCost(cost, 0.50, 1.00, 4.50, 1.00);
  }

  @Test
  void oneCacheWritePriceServesBothDurations() {
    // gpt-6-sol has one cache_write price ($2.50/M); 100,000 input, all of it written
    Cost cost = BOOK.price("openai", "gpt-6-sol", usage(100_000, 0, 0, 60_000, 40_000, 0));
    // 0 plain input; (60,000 + 40,000) writes × $2.50/M = $0.25
    assertCost(cost, 0, 0, 0.25, 0);
  }

  @Test
  void reasoningTokensAreBilledOnceAsOutput() {
    // 30,000 output tokens, 25,000 of them reasoning
    Cost withReasoning = BOOK.price("openai", "o3", usage(10_000, 30_000, 0, 0, 0, 25_000));
    // 10,000 × $2/M = $0.02; 30,000 × $8/M = $0.24 (reasoning already inside output)
    assertCost(withReasoning, 0.02, 0, 0, 0.24);
    Cost without = BOOK.price("openai", "o3", usage(10_000, 30_000, 0, 0, 0, 0));
    assertEquals(without.totalUsd(), withReasoning.totalUsd(), MICRO);
  }

  @Test
  void longContextTierPricesEveryTokenOfTheCall() {
    // gpt-5.4 above 272,000 input tokens: 300,000 input of which 100,000 cached
    Cost cost = BOOK.price("openai", "gpt-5.4", usage(300_000, 10_000, 100_000, 0, 0, 0));
    // 200,000 × $5/M = $1.00; 100,000 × $0.50/M = $0.05; 10,000 × $22.50/M = $0.225
    assertCost(cost, 1.00, 0.05, 0, 0.225);
    assertTrue(cost.source().endsWith("openai/gpt-5.4 long-context>272000"), cost.source());

    // exactly at the threshold is still the base tier: 272,000 × $2.50/M = $0.68
    Cost atThreshold = BOOK.price("openai", "gpt-5.4", usage(272_000, 0, 0, 0, 0, 0));
    assertCost(atThreshold, 0.68, 0, 0, 0);
  }

  @Test
  void geminiAndAnthropicLongContextTiers() {
    // gemini-2.5-pro over 200,000: 250,000 × $2.50/M = $0.625; 1,000 × $15/M = $0.015
    assertCost(BOOK.price("gcp.gemini", "gemini-2.5-pro", usage(250_000, 1_000, 0, 0, 0, 0)),
        0.625, 0, 0, 0.015);
    // claude-haiku-5-5 over 100,000: 150,000 = 50,000 plain + 100,000 1h writes
    // 50,000 × $0.50/M = $0.025; 100,000 × $1.00/M = $0.10; 20,000 × $2.50/M = $0.05
    assertCost(
        BOOK.price("anthropic", "claude-haiku-5-5", usage(150_000, 20_000, 0, 0, 100_000, 0)),
        0.025, 0, 0.10, 0.05);
  }

  @Test
  void longContextCachePricesLeftOutKeepTheBaseMultiplier() {
    // claude-sonnet-4 tier lists only $6 in / $22.50 out; cache reads keep 0.1× input → $0.60/M
    Cost cost =
        BOOK.price("anthropic", "claude-sonnet-4", usage(300_000, 10_000, 200_000, 0, 0, 0));
    // 100,000 × $6/M = $0.60; 200,000 × $0.60/M = $0.12; 10,000 × $22.50/M = $0.225
    assertCost(cost, 0.60, 0.12, 0, 0.225);
  }

  @Test
  void batchModeTakesTheDiscountOffEveryPart() {
    Cost cost = BOOK.price("anthropic", "claude-haiku-4-5",
        usage(1_100_000, 1_000_000, 100_000, 0, 0, 0), true);
    // 1,000,000 × $1/M × 0.5 = $0.50; 100,000 × $0.10/M × 0.5 = $0.005;
    // 1,000,000 × $5/M × 0.5 = $2.50
    assertCost(cost, 0.50, 0.005, 0, 2.50);
    assertEquals("bundled 2026-11-23 anthropic/claude-haiku-4-5 batch", cost.source());
  }

  @Test
  void embeddingsBillInputOnly() {
    // 5,000,000 × $0.02/M = $0.10
    assertCost(BOOK.price("openai", "text-embedding-3-small", usage(5_000_000, 0, 0, 0, 0, 0)),
        0.10, 0, 0, 0);
    // 1,000,000 × $0.10/M = $0.10
    assertCost(BOOK.price("openai", "text-embedding-ada-002", usage(1_000_000, 0, 0, 0, 0, 0)),
        0.10, 0, 0, 0);
  }

  @Test
  void azureOpenAiFallsBackToOpenAiPrices() {
    Cost cost = BOOK.price("azure.ai.openai", "text-embedding-3-large",
        usage(2_000_000, 0, 0, 0, 0, 0));
    // 2,000,000 × $0.13/M = $0.26
    assertCost(cost, 0.26, 0, 0, 0);
    assertEquals("bundled 2026-11-23 openai/text-embedding-3-large", cost.source());
  }

  @ParameterizedTest(name = "{0} {1} → {2}")
  @CsvSource({
      "anthropic, claude-3-5-haiku-20241022, anthropic/claude-3-5-haiku",
      "anthropic, claude-3-7-sonnet-latest, anthropic/claude-3-7-sonnet",
      "anthropic, claude-sonnet-4-5, anthropic/claude-sonnet-4-5",
      "anthropic, claude-sonnet-4-5-20250929, anthropic/claude-sonnet-4-5",
      "anthropic, claude-sonnet-4-5[1m], anthropic/claude-sonnet-4-5",
      "anthropic, claude-sonnet-4-0, anthropic/claude-sonnet-4",
      "anthropic, claude-sonnet-4-20250514, anthropic/claude-sonnet-4",
      "anthropic, claude-sonnet-4-6, anthropic/claude-sonnet-4-6",
      "anthropic, claude-opus-4-5-20251101, anthropic/claude-opus-4-5",
      "openai, gpt-4o-2024-08-06, openai/gpt-4o",
      "openai, gpt-4o-mini-2024-07-18, openai/gpt-4o-mini",
      "openai, GPT-4o, openai/gpt-4o",
      "openai, o3-mini-2025-01-31, openai/o3-mini",
      "openai, gpt-5.6, openai/gpt-5.6-sol",
      "openrouter, openai/gpt-4o, openai/gpt-4o",
      "openrouter, anthropic/claude-sonnet-4.5, anthropic/claude-sonnet-4-5",
      "openrouter, google/gemini-2.5-pro, gcp.gemini/gemini-2.5-pro",
      "azure.ai.openai, gpt-4o-mini-2024-07-18, openai/gpt-4o-mini",
      "openai, gpt-4o-2024-05-13, openai/gpt-4o-2024-05-13",
      "gcp.gemini, gemini-2.5-flash-001, gcp.gemini/gemini-2.5-flash",
      "gcp.vertex_ai, gemini-2.5-pro, gcp.gemini/gemini-2.5-pro",
      "gcp.vertex_ai, gemini-2.5-flash-lite-001, gcp.gemini/gemini-2.5-flash-lite",
  })
  void modelIdsOnTheWireResolveToTheirFamily(String provider, String model, String entry) {
    Cost cost = BOOK.price(provider, model, usage(1, 1, 0, 0, 0, 0));
    assertNotNull(cost, model);
    assertEquals("bundled 2026-11-23 " + entry, cost.source());
  }

  @Test
  void theFirstGpt4oSnapshotKeepsItsLaunchPrice() {
    // openai.com/api/pricing: gpt-4o-2024-05-13 $5/M in, $15/M out, no cached-input price
    Cost cost = BOOK.price("openai", "gpt-4o-2024-05-13", usage(1_000_000, 1_000_000, 0, 0, 0, 0));
    assertEquals(20.0, cost.totalUsd(), 1e-9);
  }

  @Test
  void aNewMinorVersionIsNotPricedAsItsPredecessor() {
    try (AgentLogCapture log = new AgentLogCapture()) {
      assertNull(BOOK.price("anthropic", "claude-sonnet-4-9", usage(1, 1, 0, 0, 0, 0)));
      assertNull(BOOK.price("openai", "gpt-4o-mini-search-preview", usage(1, 1, 0, 0, 0, 0)));
    }
  }

  @Test
  void endlessUnknownModelsAreLoggedForTheFirstFiftyOnly() {
    PriceBook book = PriceBook.load(null);
    String run = Long.toString(System.nanoTime());
    try (AgentLogCapture log = new AgentLogCapture()) {
      for (int i = 0; i < 200; i++) {
        assertNull(book.price("openai", "junk-" + run + "-" + i, usage(1, 1, 0, 0, 0, 0)));
      }
      assertEquals(PriceBook.MAX_UNPRICED_WARNINGS + 1, log.lines().size());
      assertTrue(log.lines().get(PriceBook.MAX_UNPRICED_WARNINGS).contains(
          "50 models without a price so far; further ones are not logged"), log.lines().toString());
    }
  }

  @Test
  void unknownModelCostsNullAndIsLoggedOnce() {
    String model = "claude-x-" + System.nanoTime();
    try (AgentLogCapture log = new AgentLogCapture()) {
      assertNull(BOOK.price("anthropic", model, usage(10, 10, 0, 0, 0, 0)));
      assertNull(BOOK.price("anthropic", model, usage(20, 20, 0, 0, 0, 0)));
      assertEquals(1, log.lines().size(), log.lines().toString());
      assertTrue(log.lines().get(0).contains(
          "no price for anthropic/" + model + "; tokens are reported, cost is not"),
          log.lines().get(0));
    }
  }

  @Test
  void priceNeverThrows() {
    assertNull(BOOK.price("openai", "gpt-4o", null));
    assertNull(BOOK.price("openai", null, usage(1, 1, 0, 0, 0, 0)));
    assertNull(BOOK.price("openai", " ", usage(1, 1, 0, 0, 0, 0)));
    try (AgentLogCapture log = new AgentLogCapture()) {
      assertNull(BOOK.price(null, "gpt-4o-" + System.nanoTime(), usage(1, 1, 0, 0, 0, 0)));
    }
  }

  @Test
  void bundledTableDescribesItself() {
    assertTrue(BOOK.description().startsWith("bundled 2026-11-23 ("), BOOK.description());
  }
}
