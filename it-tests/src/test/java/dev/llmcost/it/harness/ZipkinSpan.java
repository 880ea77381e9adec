package dev.llmcost.it.harness;

import java.util.Map;

/**
 * One span as Zipkin's query API returns it (v2 JSON). Zipkin keeps every tag as a string and
 * lower-cases span and service names.
 *
 * @param parentId null for a root span
 * @param kind     {@code CLIENT}, {@code SERVER}, ... or null
 */
public record ZipkinSpan(String traceId, String id, String parentId, String name, String kind,
    String serviceName, long durationMicros, Map<String, String> tags) {

  public boolean hasTag(String key) {
    return tags.containsKey(key);
  }

  /** The tag's value; fails naming the span when it has no such tag. */
  public String tag(String key) {
    String value = tags.get(key);
    if (value == null) {
      throw new AssertionError("span has no tag " + key + ": " + this);
    }
    return value;
  }

  public long longTag(String key) {
    return Long.parseLong(tag(key));
  }

  public double doubleTag(String key) {
    return Double.parseDouble(tag(key));
  }
}
