package dev.llmcost.it.harness;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A span as an OTLP exporter sent it, decoded. Attribute values are String, Boolean, Long, Double,
 * byte[], a List of those (OTLP arrays) or a Map (OTLP key-value lists).
 *
 * @param kind       {@code CLIENT}, {@code INTERNAL}, ... (the proto enum without its prefix)
 * @param traceId    lower-case hex; {@code parentSpanId} is "" for a root span
 * @param statusCode {@code UNSET}, {@code OK} or {@code ERROR}
 * @param resource   the resource attributes of the batch it came in (service.name, ...)
 * @param scopeName  the instrumentation scope
 */
public record ReceivedSpan(
    String name,
    String kind,
    String traceId,
    String spanId,
    String parentSpanId,
    long startNanos,
    long endNanos,
    String statusCode,
    String statusMessage,
    Map<String, Object> attributes,
    List<SpanEvent> events,
    Map<String, Object> resource,
    String scopeName) {

  /** A span event, e.g. an {@code exception}. */
  public record SpanEvent(String name, long timeNanos, Map<String, Object> attributes) {
  }

  public Object attribute(String key) {
    return attributes.get(key);
  }

  public String stringAttribute(String key) {
    Object v = attributes.get(key);
    return v == null ? null : v.toString();
  }

  /** The attribute as a long; fails the test if it is absent or not an integer. */
  public long longAttribute(String key) {
    Object v = attributes.get(key);
    if (!(v instanceof Long l)) {
      throw new AssertionError("attribute " + key + " is not an integer on " + this);
    }
    return l;
  }

  public double doubleAttribute(String key) {
    Object v = attributes.get(key);
    if (!(v instanceof Number n)) {
      throw new AssertionError("attribute " + key + " is not a number on " + this);
    }
    return n.doubleValue();
  }

  public boolean hasAttribute(String key) {
    return attributes.containsKey(key);
  }

  public boolean isRoot() {
    return parentSpanId.isEmpty();
  }

  public Duration duration() {
    return Duration.ofNanos(endNanos - startNanos);
  }
}
