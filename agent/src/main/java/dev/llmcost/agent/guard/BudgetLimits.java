package dev.llmcost.agent.guard;

import dev.llmcost.agent.AgentLog;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a budget setting ({@code llmcost.budget.soft_usd} or {@code hard_usd}): entries separated
 * by {@code ;} (or {@code ,} where the setting is not a {@code -javaagent} argument), each one of
 * <ul>
 *   <li>{@code 5}: every LLM call together (the global budget);
 *   <li>{@code openai=5}: calls to one provider ({@code gen_ai.provider.name});
 *   <li>{@code tag.feature=search=1.5}: calls carrying tag {@code feature=search}
 *       ({@code LlmCost.tag} or baggage).
 * </ul>
 * The amount is what follows the last {@code =}. {@code 0} is no limit. A bad entry is reported in
 * one log line and ignored; the others are kept.
 */
public final class BudgetLimits {
  private static final String TAG_PREFIX = "tag.";

  private BudgetLimits() {}

  /** Which calls one budget covers. */
  public record Scope(String provider, String tagKey, String tagValue) {
    public static final Scope GLOBAL = new Scope(null, null, null);

    public static Scope provider(String provider) {
      return new Scope(provider.toLowerCase(Locale.ROOT), null, null);
    }

    public static Scope tag(String key, String value) {
      return new Scope(null, key, value);
    }

    public boolean global() {
      return provider == null && tagKey == null;
    }

    /** Whether a call to this provider carrying these tags counts toward this budget. */
    public boolean covers(String callProvider, Map<String, String> tags) {
      return covers(callProvider, tags, Map.of());
    }

    /**
     * As {@link #covers(String, Map)}, a tag's value coming from the tagging API, else from the
     * baggage entry {@code key} or {@code llmcost.key} (as for metric dimensions).
     */
    public boolean covers(String callProvider, Map<String, String> tags, Map<String, String> baggage) {
      if (provider != null) {
        return callProvider != null && provider.equalsIgnoreCase(callProvider);
      }
      if (tagKey != null) {
        String value = tags != null ? tags.get(tagKey) : null;
        if (value == null && baggage != null) {
          value = baggage.get(tagKey);
          if (value == null) {
            value = baggage.get("llmcost." + tagKey);
          }
        }
        return tagValue.equals(value);
      }
      return true;
    }

    /** The setting's name for this budget: {@code llmcost.budget.hard_usd[openai]}. */
    public String name(String setting) {
      if (global()) {
        return setting;
      }
      return setting + "[" + (provider != null ? provider : TAG_PREFIX + tagKey + "=" + tagValue) + "]";
    }

    /** Which calls, for a message: empty for all. */
    String calls() {
      if (provider != null) {
        return " on " + provider + " calls";
      }
      return tagKey != null ? " on calls tagged " + tagKey + "=" + tagValue : "";
    }

    /** Which new calls, for a message: empty for all. */
    String which() {
      if (provider != null) {
        return " to " + provider;
      }
      return tagKey != null ? " tagged " + tagKey + "=" + tagValue : "";
    }
  }

  /** Only a global budget (0: none). */
  public static Map<Scope, Double> global(double usd) {
    return usd > 0 ? Map.of(Scope.GLOBAL, usd) : Map.of();
  }

  /** The budgets a setting's value names, in its order; those of 0 left out. */
  public static Map<Scope, Double> parse(String setting, String spec) {
    Map<Scope, Double> limits = new LinkedHashMap<>();
    if (spec == null) {
      return limits;
    }
    for (String part : spec.split("[;,]")) {
      String entry = part.trim();
      if (entry.isEmpty()) {
        continue;
      }
      int eq = entry.lastIndexOf('=');
      Double usd = amount(entry.substring(eq + 1).trim());
      Scope scope = eq < 0 ? Scope.GLOBAL : scope(entry.substring(0, eq).trim());
      if (usd == null || scope == null) {
        AgentLog.warn("setting " + setting + ": entry '" + entry + "' is not a budget (USD, "
            + "PROVIDER=USD or tag.KEY=VALUE=USD, entries separated by ';'); that entry is ignored");
        continue;
      }
      limits.remove(scope); // a repeated scope: the later entry wins, in its place
      if (usd > 0) {
        limits.put(scope, usd);
      }
    }
    return limits;
  }

  /** A plain decimal number of dollars ({@code 5}, {@code 2.5}, {@code .25}), else null. */
  private static Double amount(String text) {
    if (!text.matches("\\d+(\\.\\d*)?|\\.\\d+")) {
      return null;
    }
    double v = Double.parseDouble(text);
    return Double.isFinite(v) ? v : null;
  }

  private static Scope scope(String text) {
    if (text.regionMatches(true, 0, TAG_PREFIX, 0, TAG_PREFIX.length())) {
      String kv = text.substring(TAG_PREFIX.length());
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        return null;
      }
      String key = kv.substring(0, eq).trim();
      String value = kv.substring(eq + 1).trim();
      return key.isEmpty() || value.isEmpty() ? null : Scope.tag(key, value);
    }
    if (text.isEmpty() || text.indexOf('=') >= 0 || text.chars().anyMatch(Character::isWhitespace)) {
      return null;
    }
    return Scope.provider(text);
  }
}
