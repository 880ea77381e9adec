package dev.llmcost.agent.telemetry;

import dev.llmcost.agent.call.CallRecord;
import dev.llmcost.agent.context.TraceParent;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The application's tags that may become metric dimensions: only allow-listed keys, since every
 * distinct value makes a new time series (a user id would make millions). Spans carry all tags.
 * A key's value comes from the tagging API, else from baggage ({@code key} or {@code llmcost.key}).
 */
public final class MetricTags {
  public static final MetricTags NONE = new MetricTags(Set.of());

  private final Set<String> allowedKeys;

  public MetricTags(Set<String> allowedKeys) {
    this.allowedKeys = Set.copyOf(allowedKeys);
  }

  Map<String, String> of(CallRecord r) {
    if (allowedKeys.isEmpty()) {
      return Map.of();
    }
    Map<String, String> tags = new TreeMap<>();
    TraceParent parent = r.parent();
    Map<String, String> baggage = parent != null ? parent.baggage() : Map.of();
    for (String key : allowedKeys) {
      String value = r.tags().tags().get(key);
      if (value == null) {
        value = baggage.get(key);
      }
      if (value == null) {
        value = baggage.get("llmcost." + key);
      }
      if (value != null) {
        tags.put(key, value);
      }
    }
    return tags;
  }
}
