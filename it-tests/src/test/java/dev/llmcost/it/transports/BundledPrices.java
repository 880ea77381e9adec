package dev.llmcost.it.transports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The agent's bundled price table, read from its source, so expected costs follow the table. */
final class BundledPrices {
  private static final Path TABLE = Path.of("../agent/src/main/resources/dev/llmcost/agent/pricing/prices.json");
  private static volatile JsonNode models;

  private BundledPrices() {}

  /** US dollars for this many uncached input and output tokens of {@code provider/model}. */
  static double cost(String providerAndModel, long inputTokens, long outputTokens) {
    JsonNode entry = models().path(providerAndModel);
    if (entry.isMissingNode()) {
      throw new AssertionError(providerAndModel + " is not in " + TABLE);
    }
    return (inputTokens * entry.path("input").asDouble() + outputTokens * entry.path("output").asDouble()) / 1e6;
  }

  private static JsonNode models() {
    JsonNode m = models;
    if (m == null) {
      try {
        m = new ObjectMapper().readTree(Files.readString(TABLE)).path("models");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      models = m;
    }
    return m;
  }
}
