package dev.llmcost.agent.pricing;

import dev.llmcost.agent.AgentLog;
import dev.llmcost.agent.usage.Usage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns a call's tokens into US dollars: the table bundled in the agent, optionally overridden or
 * extended by a file of the same shape ({@code -Dllmcost.pricing.file=/etc/prices.json}). Never
 * throws: a broken override is logged once and the bundled table stays in force.
 */
public final class PriceBook {
  /** System property naming the override file. */
  public static final String OVERRIDE_PROPERTY = "llmcost.pricing.file";
  private static final String BUNDLED = "prices.json";
  /** Enough for every model one JVM really talks to; past it lookups are just not remembered. */
  private static final int MAX_REMEMBERED = 4096;
  private static final Resolved UNPRICED = new Resolved(null);

  private final ModelLookup lookup;
  private final String description;
  /** provider → model id as sent → entry; two levels so the hot path builds no key string. */
  private final Map<String, Map<String, Resolved>> resolved = new ConcurrentHashMap<>();
  private final AtomicInteger remembered = new AtomicInteger();
  static final int MAX_UNPRICED_WARNINGS = 50;
  private final AtomicInteger unpricedWarnings = new AtomicInteger();

  private PriceBook(PriceTable table, String description) {
    this.lookup = new ModelLookup(table);
    this.description = description;
  }

  /** The bundled table, plus the file named by {@code -Dllmcost.pricing.file} if set. */
  public static PriceBook loadDefault() {
    return load(System.getProperty(OVERRIDE_PROPERTY));
  }

  /** The bundled table, plus {@code overrideFile} (may be null or blank) on top of it. */
  public static PriceBook load(String overrideFile) {
    PriceTable bundled = readBundled();
    String description = describe(bundled);
    if (overrideFile == null || overrideFile.isBlank()) {
      return new PriceBook(bundled, description);
    }
    try (InputStream in = Files.newInputStream(Path.of(overrideFile.trim()))) {
      PriceTable override = PriceTableReader.read(in, overrideFile.trim(), false);
      description = describe(override) + " over " + description;
      AgentLog.info("prices: " + description);
      return new PriceBook(merge(bundled, override), description);
    } catch (PriceTableException e) {
      AgentLog.warn("price file " + e.getMessage() + "; using the bundled prices only");
    } catch (IOException | RuntimeException e) {
      AgentLog.warn("price file " + overrideFile.trim() + ": cannot be read (" + e
          + "); using the bundled prices only");
    }
    return new PriceBook(bundled, description);
  }

  /** What this book prices from, e.g. {@code bundled 2026-11-23 (62 models)}. */
  public String description() {
    return description;
  }

  /** The call's cost at standard (non-batch) prices, or null when the model has no price. */
  public Cost price(String provider, String model, Usage usage) {
    return price(provider, model, usage, false);
  }

  /**
   * The call's cost, or null when the model has no price (logged once per model).
   *
   * @param batch the call went through a batch API; priced at the entry's batch discount, or at
   *     the standard price (and the source says so) when the table knows no discount
   */
  public Cost price(String provider, String model, Usage usage, boolean batch) {
    try {
      if (usage == null || model == null || model.isBlank()) {
        return null;
      }
      ModelPrice entry = resolve(provider, model);
      if (entry == null) {
        warnUnpriced(provider, model);
        return null;
      }
      return entry.cost(usage, batch);
    } catch (RuntimeException e) {
      AgentLog.failure("pricing " + provider + "/" + model, e);
      return null;
    }
  }

  /** Whether the table prices this model (nothing logged). */
  public boolean hasPrice(String provider, String model) {
    try {
      return model != null && !model.isBlank() && resolve(provider, model) != null;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * Once per model, and for so many models only: requests may name endless models, and the log's
   * memory of what it said is shared with the agent's first-failure messages.
   */
  private void warnUnpriced(String provider, String model) {
    if (unpricedWarnings.get() < MAX_UNPRICED_WARNINGS
        && AgentLog.warnOnce("no-price:" + provider + "/" + model, "no price for " + provider + "/"
            + model + "; tokens are reported, cost is not")
        && unpricedWarnings.incrementAndGet() == MAX_UNPRICED_WARNINGS) {
      AgentLog.warn(MAX_UNPRICED_WARNINGS + " models without a price so far; further ones are "
          + "not logged (the run report counts unpriced calls)");
    }
  }

  /** Map lookup on the hot path; the suffix and prefix work runs once per (provider, model). */
  private ModelPrice resolve(String provider, String model) {
    String p = provider == null ? "" : provider;
    Map<String, Resolved> byModel = resolved.get(p);
    Resolved known = byModel == null ? null : byModel.get(model);
    if (known == null) {
      ModelPrice found = lookup.find(p, model);
      known = found == null ? UNPRICED : new Resolved(found);
      if (remembered.get() < MAX_REMEMBERED
          && resolved.computeIfAbsent(p, k -> new ConcurrentHashMap<>()).putIfAbsent(model, known)
              == null) {
        remembered.incrementAndGet();
      }
    }
    return known.price();
  }

  /** Without '+': indy string concatenation costs milliseconds on the agent's start path. */
  private static String describe(PriceTable table) {
    return new StringBuilder(table.origin()).append(" (").append(table.models().size())
        .append(" models)").toString();
  }

  private static PriceTable readBundled() {
    try (InputStream in = PriceBook.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new PriceTableException(BUNDLED, 0, "missing from the agent jar");
      }
      return PriceTableReader.read(in, "bundled " + BUNDLED, true);
    } catch (PriceTableException | IOException | RuntimeException e) {
      // Cannot happen with a tested build; if it does, tokens are still reported without cost.
      AgentLog.warn("bundled price table unusable (" + e.getMessage()
          + "); costs are not reported");
      return new PriceTable("bundled unusable", Map.of(), Map.of(), Map.of());
    }
  }

  private static PriceTable merge(PriceTable bundled, PriceTable override) {
    Map<String, ModelPrice> models = new HashMap<>(bundled.models());
    models.putAll(override.models());
    Map<String, String> aliases = new HashMap<>(bundled.aliases());
    aliases.putAll(override.aliases());
    Map<String, String> fallbacks = new HashMap<>(bundled.providerFallbacks());
    fallbacks.putAll(override.providerFallbacks());
    return new PriceTable(override.origin() + " over " + bundled.origin(), models, aliases,
        fallbacks);
  }

  private record Resolved(ModelPrice price) {}
}
