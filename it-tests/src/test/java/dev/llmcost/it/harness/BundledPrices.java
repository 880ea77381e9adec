package dev.llmcost.it.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * The price table inside the built agent jar, read as data (the agent's classes stay off the test
 * class path), so a test states its expected cost as tokens times the prices the agent ships with.
 */
public final class BundledPrices {
  private static final String ENTRY = "dev/llmcost/agent/pricing/prices.json";
  private static final double PER_TOKEN = 1e-6; // the table is in USD per million tokens

  private final JsonNode models;

  private BundledPrices(JsonNode models) {
    this.models = models;
  }

  public static BundledPrices fromBuiltAgent() {
    try (JarFile jar = new JarFile(AgentJvm.builtAgentJar().toFile())) {
      ZipEntry entry = jar.getEntry(ENTRY);
      if (entry == null) {
        throw new IllegalStateException(ENTRY + " missing from " + jar.getName());
      }
      try (InputStream in = jar.getInputStream(entry)) {
        return new BundledPrices(new ObjectMapper().readTree(in).path("models"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Cost in USD of uncached input and output tokens for {@code provider/model}. */
  public double costUsd(String providerAndModel, long inputTokens, long outputTokens) {
    JsonNode rates = models.path(providerAndModel);
    if (!rates.has("input") || !rates.has("output")) {
      throw new IllegalArgumentException("no input/output price for " + providerAndModel + " in the bundled table");
    }
    return (inputTokens * rates.get("input").asDouble() + outputTokens * rates.get("output").asDouble()) * PER_TOKEN;
  }
}
