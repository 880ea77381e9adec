package dev.llmcost.agent.pricing;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the table entry for a model id as it appears on the wire: exact id first, then the id with
 * its version suffixes taken off one by one from the end, so the longest matching family wins
 * ({@code gpt-4o-mini-2024-07-18} is gpt-4o-mini, never gpt-4o). Only suffixes that name a
 * snapshot are taken off; {@code claude-sonnet-4-6} never falls back to claude-sonnet-4.
 */
final class ModelLookup {
  /** Vendor prefixes as OpenRouter writes them ("google/gemini-2.5-pro") → gen_ai.provider.name. */
  private static final Map<String, String> VENDORS = Map.of(
      "google", "gcp.gemini", "gemini", "gcp.gemini", "azure", "azure.ai.openai");
  private static final int MAX_FALLBACKS = 4;

  private final PriceTable table;

  ModelLookup(PriceTable table) {
    this.table = table;
  }

  /** The entry that prices this model, or null when the table has none. */
  ModelPrice find(String provider, String model) {
    String p = provider == null ? "" : provider.trim().toLowerCase(Locale.ROOT);
    String m = model.trim().toLowerCase(Locale.ROOT);
    int slash = m.lastIndexOf('/');
    if (slash >= 0) {
      String rest = m.substring(slash + 1);
      String vendor = m.substring(m.lastIndexOf('/', slash - 1) + 1, slash);
      ModelPrice hit = inProviderOrFallbacks(VENDORS.getOrDefault(vendor, vendor), rest);
      if (hit != null) {
        return hit;
      }
      m = rest;
    }
    return inProviderOrFallbacks(p, m);
  }

  private ModelPrice inProviderOrFallbacks(String provider, String model) {
    String p = provider;
    for (int i = 0; p != null && i < MAX_FALLBACKS; i++) {
      ModelPrice hit = inProvider(p, model);
      if (hit != null) {
        return hit;
      }
      p = table.providerFallbacks().get(p);
    }
    return null;
  }

  private ModelPrice inProvider(String provider, String model) {
    String id = model;
    while (!id.isEmpty()) {
      ModelPrice hit = exact(provider, id);
      if (hit == null && id.startsWith("claude")) {
        String dashed = Patterns.DOTTED_VERSION.matcher(id).replaceAll("$1-$2");
        hit = dashed.equals(id) ? null : exact(provider, dashed);
      }
      if (hit != null) {
        return hit;
      }
      Matcher suffix = Patterns.SNAPSHOT_SUFFIX.matcher(id);
      if (!suffix.find()) {
        return null;
      }
      id = id.substring(0, suffix.start());
    }
    return null;
  }

  private ModelPrice exact(String provider, String id) {
    String key = provider + "/" + id;
    ModelPrice hit = table.models().get(key);
    if (hit != null) {
      return hit;
    }
    String aliased = table.aliases().get(key);
    return aliased == null ? null : table.models().get(aliased);
  }

  /** Compiled on the first lookup, not at agent start. */
  private static final class Patterns {
    /**
     * A snapshot date (20241022, 2024-08-06, 0613), a Gemini stable version (-001), -latest, a
     * Bedrock-style -v2, or [1m].
     */
    static final Pattern SNAPSHOT_SUFFIX = Pattern.compile(
        "(-(\\d{8}|\\d{4}-\\d{2}-\\d{2}|\\d{3,4}|latest|v\\d+(:\\d+)?)|\\[[^\\]]*])$");
    /** OpenRouter writes claude-sonnet-4.5 where Anthropic writes claude-sonnet-4-5. */
    static final Pattern DOTTED_VERSION = Pattern.compile("(\\d)\\.(\\d)");
  }
}
