package dev.llmcost.it.apps;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

/**
 * A service traced with its own OpenTelemetry SDK: a server span, baggage, and two LLM calls
 * (sync and async) made inside it. Prints its trace and span id.
 * Usage: {@code TracedServiceApp <provider-base-url> <otlp-endpoint>}.
 */
public final class TracedServiceApp {
  public static void main(String[] args) throws Exception {
    SdkTracerProvider tracing = SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(
            OtlpHttpSpanExporter.builder().setEndpoint(args[1] + "/v1/traces").build()))
        .build();
    OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(tracing).build();
    Tracer tracer = sdk.getTracer("quote-service");
    HttpClient client = HttpClient.newHttpClient();

    Span server = tracer.spanBuilder("GET /quote").setSpanKind(SpanKind.SERVER).startSpan();
    Baggage baggage = Baggage.current().toBuilder()
        .put("llmcost.feature", "search").put("tenant", "acme").put("secret", "not-copied").build();
    try (Scope span = server.makeCurrent(); Scope bag = baggage.makeCurrent()) {
      client.send(request(args[0]), HttpResponse.BodyHandlers.ofString());
      client.sendAsync(request(args[0]), HttpResponse.BodyHandlers.ofString()).join();
    } finally {
      server.end();
    }
    System.out.println("### trace " + server.getSpanContext().getTraceId() + " "
        + server.getSpanContext().getSpanId());
    sdk.shutdown().join(10, TimeUnit.SECONDS);
  }

  private static HttpRequest request(String base) {
    return HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Quote?\"}]}"))
        .build();
  }
}
