package dev.llmcost.agent;

import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The agent's own settings, all under {@code llmcost.}: from the {@code -javaagent} arguments
 * ({@code key=value,key=value}), then {@code -Dllmcost.*} system properties, then
 * {@code LLMCOST_*} environment variables. A bad value is reported once and its default kept.
 */
public final class AgentConfig {
  /** Every setting with its default; the README's table lists the same. */
  static final Map<String, String> DEFAULTS = defaults();

  private final Map<String, String> agentArgs;
  private final Map<String, String> systemProperties;
  private final Map<String, String> environment;

  AgentConfig(String args, Map<String, String> systemProperties, Map<String, String> environment) {
    this.agentArgs = parseArgs(args);
    this.systemProperties = systemProperties;
    this.environment = environment;
  }

  public static AgentConfig fromProcess(String agentArgs) {
    Map<String, String> props = new HashMap<>();
    System.getProperties().forEach((k, v) -> props.put(String.valueOf(k), String.valueOf(v)));
    return new AgentConfig(agentArgs, props, System.getenv());
  }

  private static Map<String, String> defaults() {
    Map<String, String> d = new HashMap<>();
    d.put("llmcost.enabled", "true");
    d.put("llmcost.log.level", "info");
    d.put("llmcost.endpoints", "");
    d.put("llmcost.pricing.file", "");
    d.put("llmcost.request.max_bytes", "1048576");
    d.put("llmcost.shutdown.cancel", "true");
    d.put("llmcost.shutdown.grace_ms", "2000");
    d.put("llmcost.cancel_abandoned", "false");
    d.put("llmcost.tasks.fire_and_forget_s", "10");
    d.put("llmcost.report.file", "");
    d.put("llmcost.baggage.keys", "");
    d.put("llmcost.metric.tag_keys", "");
    d.put("llmcost.guard.max_concurrent", "");
    d.put("llmcost.guard.max_wait_ms", "60000");
    d.put("llmcost.budget.soft_usd", "0");
    d.put("llmcost.budget.hard_usd", "0");
    d.put("llmcost.budget.period", "run");
    d.put("llmcost.alert.usd_per_minute", "0");
    d.put("llmcost.alert.waste_share", "0");
    d.put("llmcost.duplicates.window_s", "600");
    d.put("llmcost.capture.content", "false");
    d.put("llmcost.capture.max_chars", "8192");
    d.put("llmcost.capture.redact", "");
    d.put("llmcost.caching.window_s", "3600");
    d.put("llmcost.batch_candidates.min_calls", "10");
    d.put("llmcost.report.interval_s", "0");
    d.put("llmcost.report.jmx", "true");
    return Collections.unmodifiableMap(d);
  }

  public String get(String key) {
    String value = agentArgs.get(key);
    if (value == null) {
      value = systemProperties.get(key);
    }
    if (value == null) {
      value = environment.get(envName(key));
    }
    return value != null ? value.trim() : DEFAULTS.getOrDefault(key, "");
  }

  public boolean getBoolean(String key) {
    String value = get(key).toLowerCase(Locale.ROOT);
    if (value.equals("true") || value.equals("false")) {
      return Boolean.parseBoolean(value);
    }
    return badValue(key, value, Boolean::parseBoolean);
  }

  /** A comma- or semicolon-separated list, trimmed, without empty entries. */
  public Set<String> getSet(String key) {
    Set<String> values = new java.util.LinkedHashSet<>();
    for (String v : get(key).split("[,;]")) {
      if (!v.isBlank()) {
        values.add(v.trim());
      }
    }
    return values;
  }

  public long getLong(String key) {
    String value = get(key);
    try {
      long parsed = Long.parseLong(value);
      if (parsed >= 0) {
        return parsed;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    return badValue(key, value, Long::parseLong);
  }

  /** A non-negative decimal, e.g. a dollar amount. */
  public double getDouble(String key) {
    String value = get(key);
    try {
      double parsed = Double.parseDouble(value);
      if (parsed >= 0 && Double.isFinite(parsed)) {
        return parsed;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    return badValue(key, value, Double::parseDouble);
  }

  /**
   * A share between 0 and 1 (0.5 for half). Above 1, most likely a percentage, it could never be
   * reached: reported like any bad value, and the default used.
   */
  public double getShare(String key) {
    double share = getDouble(key);
    return share <= 1 ? share : badValue(key, get(key), Double::parseDouble);
  }

  /** {@code otel.*} settings given as agent arguments (useful at attach); they override the rest. */
  public Map<String, String> otelOverrides() {
    Map<String, String> otel = new HashMap<>();
    agentArgs.forEach((k, v) -> {
      if (k.startsWith("otel.")) {
        otel.put(k, v);
      }
    });
    return otel;
  }

  /** Reports settings under our prefix that the agent does not know (typos). */
  public void warnAboutUnknownKeys() {
    Set<String> seen = new java.util.TreeSet<>();
    agentArgs.keySet().stream().filter(k -> !k.startsWith("otel.")).forEach(seen::add);
    systemProperties.keySet().stream().filter(k -> k.startsWith("llmcost.")).forEach(seen::add);
    environment.keySet().stream().filter(k -> k.startsWith("LLMCOST_")).forEach(seen::add);
    for (String key : seen) {
      boolean known = DEFAULTS.containsKey(key)
          || DEFAULTS.keySet().stream().anyMatch(d -> envName(d).equals(key));
      if (!known) {
        AgentLog.warn("unknown setting " + key + " ignored");
      }
    }
  }

  private <T> T badValue(String key, String value, java.util.function.Function<String, T> parse) {
    String fallback = DEFAULTS.get(key);
    AgentLog.warnOnce("config:" + key, "setting " + key + "=" + value + " is not valid; using " + fallback);
    return parse.apply(fallback);
  }

  static String envName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_');
  }

  private static Map<String, String> parseArgs(String args) {
    Map<String, String> map = new HashMap<>();
    if (args == null || args.isBlank()) {
      return map;
    }
    String last = null;
    for (String piece : args.split(",")) {
      int eq = piece.indexOf('=');
      String key = eq > 0 ? qualified(piece.substring(0, eq).trim()) : null;
      if (last != null && LISTS.contains(last)
          && (key == null || (!isSetting(key) && !NAME_LISTS.contains(last)))) {
        // the next entry of a list value, which may contain commas itself:
        // baggage.keys=tenant,team or guard.max_concurrent=openai=2,openai/gpt-4o=1
        map.put(last, map.get(last) + "," + piece);
      } else if (key != null) {
        map.put(key, piece.substring(eq + 1));
        last = key;
      } else if (!piece.isBlank()) {
        AgentLog.warn("agent argument '" + piece.trim() + "' is not KEY=VALUE; ignored");
      }
    }
    return map;
  }

  /** Settings whose value is a list: in agent arguments, the commas after them belong to them. */
  private static final Set<String> LISTS = Set.of("llmcost.endpoints", "llmcost.baggage.keys",
      "llmcost.metric.tag_keys", "llmcost.guard.max_concurrent", "llmcost.budget.soft_usd",
      "llmcost.budget.hard_usd");

  /** Lists of plain names: a piece with '=' after one is the next setting, known or misspelt. */
  private static final Set<String> NAME_LISTS = Set.of("llmcost.baggage.keys",
      "llmcost.metric.tag_keys");

  private static String qualified(String key) {
    return key.startsWith("llmcost.") || key.startsWith("otel.") ? key : "llmcost." + key;
  }

  private static boolean isSetting(String key) {
    return key.startsWith("otel.") || DEFAULTS.containsKey(key);
  }
}
