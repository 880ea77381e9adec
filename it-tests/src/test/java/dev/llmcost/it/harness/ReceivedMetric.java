package dev.llmcost.it.harness;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One metric from one OTLP export, decoded. A periodic reader exports the same metric again and
 * again; {@link OtlpReceiver#latestMetric} gives the newest.
 *
 * @param temporality {@code CUMULATIVE} or {@code DELTA} for sums and histograms, "" for gauges
 */
public record ReceivedMetric(
    String name,
    String description,
    String unit,
    Type type,
    boolean monotonic,
    String temporality,
    List<Point> points,
    Map<String, Object> resource,
    String scopeName,
    long receivedNanos) {

  public enum Type { GAUGE, SUM, HISTOGRAM, EXPONENTIAL_HISTOGRAM, SUMMARY }

  /**
   * One data point. {@code value} (a Long or Double) is set for gauges and sums; {@code count},
   * {@code sum}, {@code bucketCounts}, {@code explicitBounds}, {@code min} and {@code max} for
   * histograms (min/max null when absent); count and sum for summaries.
   */
  public record Point(
      Map<String, Object> attributes,
      long startNanos,
      long timeNanos,
      Number value,
      long count,
      double sum,
      List<Long> bucketCounts,
      List<Double> explicitBounds,
      Double min,
      Double max) {
  }

  /** The first point whose attributes contain every given key and value. */
  public Optional<Point> point(Map<String, Object> attributes) {
    return points.stream()
        .filter(p -> p.attributes().entrySet().containsAll(attributes.entrySet()))
        .findFirst();
  }
}
