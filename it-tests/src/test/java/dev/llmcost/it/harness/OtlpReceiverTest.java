package dev.llmcost.it.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleCounter;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real OpenTelemetry SDK export, over real OTLP/HTTP, reads back as records with every attribute. */
class OtlpReceiverTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Resource RESOURCE = Resource.getDefault()
      .merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "receiver-self-test")));

  private OtlpReceiver receiver;

  @BeforeEach
  void start() {
    receiver = OtlpReceiver.start();
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  @Test
  void gzippedSpansArriveWithKindParentStatusEventsAndTypedAttributes() {
    SdkTracerProvider tracing = SdkTracerProvider.builder()
        .setResource(RESOURCE)
        .addSpanProcessor(SimpleSpanProcessor.create(OtlpHttpSpanExporter.builder()
            .setEndpoint(receiver.endpoint() + "/v1/traces")
            .setCompression("gzip")
            .build()))
        .build();
    Tracer tracer = tracing.get("llmcost-self-test");
    Span parent = tracer.spanBuilder("handle request").startSpan();
    try (Scope ignored = parent.makeCurrent()) {
      tracer.spanBuilder("chat gpt-4o-mini")
          .setSpanKind(SpanKind.CLIENT)
          .setAttribute("gen_ai.operation.name", "chat")
          .setAttribute("gen_ai.usage.input_tokens", 100L)
          .setAttribute("llmcost.cost.usd", 0.00123)
          .setAttribute("gen_ai.request.stream", true)
          .setAttribute(AttributeKey.stringArrayKey("gen_ai.response.finish_reasons"), List.of("stop", "length"))
          .setAttribute(AttributeKey.longArrayKey("llmcost.test.longs"), List.of(1L, 2L))
          .setAttribute("llmcost.test.secret", "sk-planted-secret-42")
          .startSpan()
          .addEvent("llmcost.retry", Attributes.of(AttributeKey.longKey("attempt"), 2L))
          .setStatus(StatusCode.ERROR, "rate limited")
          .end();
    } finally {
      parent.end();
    }
    tracing.shutdown().join(10, TimeUnit.SECONDS);

    ReceivedSpan chat = receiver.awaitSpan(s -> s.name().equals("chat gpt-4o-mini"), WAIT);
    ReceivedSpan root = receiver.awaitSpan(s -> s.name().equals("handle request"), WAIT);
    assertEquals("CLIENT", chat.kind());
    assertEquals("INTERNAL", root.kind());
    assertTrue(root.isRoot());
    assertEquals(root.spanId(), chat.parentSpanId());
    assertEquals(root.traceId(), chat.traceId());
    assertEquals(32, chat.traceId().length());
    assertEquals("ERROR", chat.statusCode());
    assertEquals("rate limited", chat.statusMessage());
    assertEquals("chat", chat.stringAttribute("gen_ai.operation.name"));
    assertEquals(100L, chat.longAttribute("gen_ai.usage.input_tokens"));
    assertEquals(0.00123, chat.doubleAttribute("llmcost.cost.usd"));
    assertEquals(Boolean.TRUE, chat.attribute("gen_ai.request.stream"));
    assertEquals(List.of("stop", "length"), chat.attribute("gen_ai.response.finish_reasons"));
    assertEquals(List.of(1L, 2L), chat.attribute("llmcost.test.longs"));
    assertEquals("llmcost.retry", chat.events().get(0).name());
    assertEquals(2L, chat.events().get(0).attributes().get("attempt"));
    assertEquals("receiver-self-test", chat.resource().get("service.name"));
    assertEquals("llmcost-self-test", chat.scopeName());
    assertTrue(chat.endNanos() >= chat.startNanos());

    assertEquals("gzip", receiver.exports().get(0).contentEncoding());
    assertTrue(receiver.receivedBytesContain("sk-planted-secret-42"), "found in the gunzipped bytes");
    assertFalse(receiver.receivedBytesContain("sk-never-sent"));
    assertTrue(receiver.failures().isEmpty(), receiver.failures().toString());
  }

  @Test
  void metricsArriveAsSumsAndHistogramsWithTheirPoints() {
    SdkMeterProvider metering = SdkMeterProvider.builder()
        .setResource(RESOURCE)
        .registerMetricReader(PeriodicMetricReader.builder(OtlpHttpMetricExporter.builder()
                .setEndpoint(receiver.endpoint() + "/v1/metrics")
                .build())
            .setInterval(Duration.ofMinutes(1)) // only the explicit flush below exports
            .build())
        .build();
    Meter meter = metering.get("llmcost-self-test");
    DoubleCounter cost = meter.counterBuilder("llmcost.cost").ofDoubles().setUnit("USD").build();
    LongHistogram tokens = meter.histogramBuilder("gen_ai.client.token.usage").ofLongs().setUnit("{token}")
        .setExplicitBucketBoundariesAdvice(List.of(1L, 4L, 16L, 64L)).build();
    Attributes input = Attributes.of(AttributeKey.stringKey("gen_ai.token.type"), "input");
    cost.add(0.25, Attributes.of(AttributeKey.stringKey("gen_ai.provider.name"), "openai"));
    cost.add(0.5, Attributes.of(AttributeKey.stringKey("gen_ai.provider.name"), "openai"));
    tokens.record(10, input);
    tokens.record(3, Attributes.of(AttributeKey.stringKey("gen_ai.token.type"), "output"));
    metering.forceFlush().join(10, TimeUnit.SECONDS);

    ReceivedMetric sum = receiver.awaitMetric("llmcost.cost", WAIT);
    assertEquals(ReceivedMetric.Type.SUM, sum.type());
    assertTrue(sum.monotonic());
    assertEquals("CUMULATIVE", sum.temporality());
    assertEquals("USD", sum.unit());
    assertEquals(0.75, sum.points().get(0).value().doubleValue(), 1e-9);

    ReceivedMetric histogram = receiver.awaitMetric("gen_ai.client.token.usage", WAIT);
    assertEquals(ReceivedMetric.Type.HISTOGRAM, histogram.type());
    ReceivedMetric.Point inputPoint = histogram.point(Map.of("gen_ai.token.type", "input")).orElseThrow();
    assertEquals(1, inputPoint.count());
    assertEquals(10.0, inputPoint.sum());
    assertEquals(List.of(1.0, 4.0, 16.0, 64.0), inputPoint.explicitBounds());
    assertEquals(List.of(0L, 0L, 1L, 0L, 0L), inputPoint.bucketCounts());
    assertEquals(10.0, inputPoint.min());
    assertEquals(null, receiver.exports().get(0).contentEncoding());
    metering.shutdown().join(10, TimeUnit.SECONDS);
  }

  @Test
  void otlpJsonIsRefusedAndAForcedStatusIsReturned() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest json = HttpRequest.newBuilder(URI.create(receiver.endpoint() + "/v1/traces"))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"resourceSpans\":[]}"))
        .build();
    assertEquals(415, client.send(json, HttpResponse.BodyHandlers.discarding()).statusCode());
    assertEquals(1, receiver.failures().size());

    receiver.respondWith(503);
    HttpRequest empty = HttpRequest.newBuilder(URI.create(receiver.endpoint() + "/v1/metrics"))
        .header("content-type", "application/x-protobuf")
        .POST(HttpRequest.BodyPublishers.noBody())
        .build();
    assertEquals(503, client.send(empty, HttpResponse.BodyHandlers.discarding()).statusCode());
  }
}
