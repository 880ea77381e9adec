package dev.llmcost.agent.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.agent.usage.Usage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The override file: it changes and adds prices, and a broken one leaves the bundled table. */
class PriceOverrideFileTest {
  private static final double MICRO = 1e-6;
  private static final Usage MILLION_IN_MILLION_OUT =
      new Usage(1_000_000, 1_000_000, 0, 0, 0, 0, false);

  @TempDir
  Path dir;

  private Path write(String json) throws IOException {
    Path file = dir.resolve("prices.json");
    Files.writeString(file, json);
    return file;
  }

  @Test
  void overrideChangesABundledPriceAndAddsAModel() throws IOException {
    Path file = write("""
        {
          "date": "2026-11-20",
          "currency": "USD",
          "models": {
            "openai/gpt-4o": {"input": 2.00, "output": 8.00},
            "openai/my-ft-model": {"input": 3.00, "cache_read": 1.50, "output": 12.00}
          }
        }
        """);
    PriceBook book;
    try (AgentLogCapture log = new AgentLogCapture()) {
      book = PriceBook.load(file.toString());
      assertEquals(1, log.lines().size(), log.lines().toString());
    }

    Cost changed = book.price("openai", "gpt-4o-2024-08-06", MILLION_IN_MILLION_OUT);
    // 1,000,000 × $2/M = $2.00; 1,000,000 × $8/M = $8.00
    assertEquals(10.00, changed.totalUsd(), MICRO);
    assertEquals("file " + file + " 2026-11-20 openai/gpt-4o", changed.source());

    Cost added = book.price("openai", "my-ft-model", MILLION_IN_MILLION_OUT);
    // 1,000,000 × $3/M = $3.00; 1,000,000 × $12/M = $12.00
    assertEquals(15.00, added.totalUsd(), MICRO);
    assertEquals("file " + file + " 2026-11-20 openai/my-ft-model", added.source());

    Cost untouched = book.price("openai", "gpt-4o-mini", MILLION_IN_MILLION_OUT);
    // 1,000,000 × $0.15/M + 1,000,000 × $0.60/M = $0.75
    assertEquals(0.75, untouched.totalUsd(), MICRO);
    assertTrue(untouched.source().startsWith("bundled "), untouched.source());
  }

  /** The README's attribute says "with the table's date": a file that has one names it too. */
  @Test
  void aDatedFilesCostsNameItsDate() throws IOException {
    Path file = write("{\"date\": \"2026-12-01\", \"models\": {\"openai/my-ft-model\": "
        + "{\"input\": 3, \"output\": 12}}}");
    Cost cost = PriceBook.load(file.toString()).price("openai", "my-ft-model", MILLION_IN_MILLION_OUT);
    assertEquals("file " + file + " 2026-12-01 openai/my-ft-model", cost.source());
  }

  @Test
  void overrideWithoutBatchDiscountPricesBatchCallsNormallyAndSaysSo() throws IOException {
    Path file = write("{\"models\": {\"openai/my-ft-model\": {\"input\": 3, \"output\": 12}}}");
    Cost cost = PriceBook.load(file.toString())
        .price("openai", "my-ft-model", MILLION_IN_MILLION_OUT, true);
    assertEquals(15.00, cost.totalUsd(), MICRO);
    assertTrue(cost.source().endsWith("batch-discount-unknown(standard price)"), cost.source());
  }

  @Test
  void badJsonAtLineSevenIsOneLogLineNamingFileAndLine() throws IOException {
    Path file = write("""
        {
          "date": "2026-11-20",
          "models": {
            "openai/gpt-4o": {
              "input": 1.00,
              "output": 2.00
              "cache_read": 0.5
            }
          }
        }
        """);
    assertBundledStaysAndOneLineSays(file, file + ":7: not valid JSON");
  }

  @Test
  void negativePriceIsRejectedWithItsLine() throws IOException {
    Path file = write("""
        {
          "models": {
            "openai/gpt-4o": {"input": -1, "output": 2}
          }
        }
        """);
    assertBundledStaysAndOneLineSays(file, file + ":3: \"input\" of openai/gpt-4o is negative");
  }

  @Test
  void wrongFieldTypeIsRejectedWithItsLine() throws IOException {
    Path file = write("""
        {
          "models": {
            "openai/gpt-4o": {
              "input": "cheap",
              "output": 2
            }
          }
        }
        """);
    assertBundledStaysAndOneLineSays(file,
        file + ":4: \"input\" of openai/gpt-4o must be a number, not a string");
  }

  @Test
  void misspelledFieldIsRejectedRatherThanPricedAtZero() throws IOException {
    Path file = write("{\n\"models\": {\n\"openai/gpt-4o\": {\"inptu\": 1, \"output\": 2}\n}\n}\n");
    assertBundledStaysAndOneLineSays(file, file + ":3: unknown field \"inptu\"");
  }

  @Test
  void missingFileIsOneLogLine() {
    Path file = dir.resolve("absent.json");
    assertBundledStaysAndOneLineSays(file, file + ": cannot be read");
  }

  private static void assertBundledStaysAndOneLineSays(Path file, String expected) {
    PriceBook book;
    List<String> lines;
    try (AgentLogCapture log = new AgentLogCapture()) {
      book = PriceBook.load(file.toString());
      lines = log.lines();
    }
    assertEquals(1, lines.size(), lines.toString());
    assertTrue(lines.get(0).contains(expected), lines.get(0));
    assertTrue(lines.get(0).endsWith("using the bundled prices only"), lines.get(0));
    Cost cost = book.price("openai", "gpt-4o", MILLION_IN_MILLION_OUT);
    assertNotNull(cost);
    // bundled: 1,000,000 × $2.50/M + 1,000,000 × $10/M = $12.50
    assertEquals(12.50, cost.totalUsd(), MICRO);
    assertTrue(cost.source().startsWith("bundled "), cost.source());
  }
}
