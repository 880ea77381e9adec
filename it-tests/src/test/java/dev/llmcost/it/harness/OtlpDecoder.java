package dev.llmcost.it.harness;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** OTLP protobuf export requests to plain Java records, so tests never touch generated classes. */
final class OtlpDecoder {

  private OtlpDecoder() {
  }

  static List<ReceivedSpan> spans(byte[] body) throws InvalidProtocolBufferException {
    List<ReceivedSpan> out = new ArrayList<>();
    for (ResourceSpans rs : ExportTraceServiceRequest.parseFrom(body).getResourceSpansList()) {
      Map<String, Object> resource = attributes(rs.getResource().getAttributesList());
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        for (Span s : ss.getSpansList()) {
          List<ReceivedSpan.SpanEvent> events = s.getEventsList().stream()
              .map(e -> new ReceivedSpan.SpanEvent(e.getName(), e.getTimeUnixNano(), attributes(e.getAttributesList())))
              .toList();
          out.add(new ReceivedSpan(
              s.getName(),
              s.getKind().name().replace("SPAN_KIND_", ""),
              hex(s.getTraceId()),
              hex(s.getSpanId()),
              hex(s.getParentSpanId()),
              s.getStartTimeUnixNano(),
              s.getEndTimeUnixNano(),
              s.getStatus().getCode().name().replace("STATUS_CODE_", ""),
              s.getStatus().getMessage(),
              attributes(s.getAttributesList()),
              events,
              resource,
              ss.getScope().getName()));
        }
      }
    }
    return out;
  }

  static List<ReceivedMetric> metrics(byte[] body, long receivedNanos) throws InvalidProtocolBufferException {
    List<ReceivedMetric> out = new ArrayList<>();
    for (ResourceMetrics rm : ExportMetricsServiceRequest.parseFrom(body).getResourceMetricsList()) {
      Map<String, Object> resource = attributes(rm.getResource().getAttributesList());
      for (ScopeMetrics sm : rm.getScopeMetricsList()) {
        for (Metric m : sm.getMetricsList()) {
          out.add(metric(m, resource, sm.getScope().getName(), receivedNanos));
        }
      }
    }
    return out;
  }

  private static ReceivedMetric metric(Metric m, Map<String, Object> resource, String scope, long receivedNanos) {
    ReceivedMetric.Type type;
    boolean monotonic = false;
    String temporality = "";
    List<ReceivedMetric.Point> points = new ArrayList<>();
    switch (m.getDataCase()) {
      case GAUGE -> {
        type = ReceivedMetric.Type.GAUGE;
        m.getGauge().getDataPointsList().forEach(p -> points.add(number(p)));
      }
      case SUM -> {
        type = ReceivedMetric.Type.SUM;
        monotonic = m.getSum().getIsMonotonic();
        temporality = temporality(m.getSum().getAggregationTemporality().name());
        m.getSum().getDataPointsList().forEach(p -> points.add(number(p)));
      }
      case HISTOGRAM -> {
        type = ReceivedMetric.Type.HISTOGRAM;
        temporality = temporality(m.getHistogram().getAggregationTemporality().name());
        m.getHistogram().getDataPointsList().forEach(p -> points.add(histogram(p)));
      }
      case EXPONENTIAL_HISTOGRAM -> {
        type = ReceivedMetric.Type.EXPONENTIAL_HISTOGRAM;
        temporality = temporality(m.getExponentialHistogram().getAggregationTemporality().name());
        m.getExponentialHistogram().getDataPointsList().forEach(p -> points.add(exponential(p)));
      }
      case SUMMARY -> {
        type = ReceivedMetric.Type.SUMMARY;
        m.getSummary().getDataPointsList().forEach(p -> points.add(summary(p)));
      }
      default -> throw new IllegalArgumentException("metric " + m.getName() + " has no data");
    }
    return new ReceivedMetric(m.getName(), m.getDescription(), m.getUnit(), type, monotonic, temporality,
        List.copyOf(points), resource, scope, receivedNanos);
  }

  private static String temporality(String protoName) {
    return protoName.replace("AGGREGATION_TEMPORALITY_", "");
  }

  private static ReceivedMetric.Point number(NumberDataPoint p) {
    Number value = p.getValueCase() == NumberDataPoint.ValueCase.AS_INT ? (Number) p.getAsInt() : (Number) p.getAsDouble();
    return new ReceivedMetric.Point(attributes(p.getAttributesList()), p.getStartTimeUnixNano(), p.getTimeUnixNano(),
        value, 0, 0, List.of(), List.of(), null, null);
  }

  private static ReceivedMetric.Point histogram(HistogramDataPoint p) {
    return new ReceivedMetric.Point(attributes(p.getAttributesList()), p.getStartTimeUnixNano(), p.getTimeUnixNano(),
        null, p.getCount(), p.getSum(), List.copyOf(p.getBucketCountsList()), List.copyOf(p.getExplicitBoundsList()),
        p.hasMin() ? p.getMin() : null, p.hasMax() ? p.getMax() : null);
  }

  private static ReceivedMetric.Point exponential(ExponentialHistogramDataPoint p) {
    return new ReceivedMetric.Point(attributes(p.getAttributesList()), p.getStartTimeUnixNano(), p.getTimeUnixNano(),
        null, p.getCount(), p.getSum(), List.of(), List.of(),
        p.hasMin() ? p.getMin() : null, p.hasMax() ? p.getMax() : null);
  }

  private static ReceivedMetric.Point summary(SummaryDataPoint p) {
    return new ReceivedMetric.Point(attributes(p.getAttributesList()), p.getStartTimeUnixNano(), p.getTimeUnixNano(),
        null, p.getCount(), p.getSum(), List.of(), List.of(), null, null);
  }

  static Map<String, Object> attributes(List<KeyValue> list) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (KeyValue kv : list) {
      map.put(kv.getKey(), value(kv.getValue()));
    }
    return Collections.unmodifiableMap(map);
  }

  private static Object value(AnyValue v) {
    return switch (v.getValueCase()) {
      case STRING_VALUE -> v.getStringValue();
      case BOOL_VALUE -> v.getBoolValue();
      case INT_VALUE -> v.getIntValue();
      case DOUBLE_VALUE -> v.getDoubleValue();
      case BYTES_VALUE -> v.getBytesValue().toByteArray();
      case ARRAY_VALUE -> v.getArrayValue().getValuesList().stream().map(OtlpDecoder::value).toList();
      case KVLIST_VALUE -> attributes(v.getKvlistValue().getValuesList());
      default -> "";
    };
  }

  private static String hex(ByteString bytes) {
    return HexFormat.of().formatHex(bytes.toByteArray());
  }
}
