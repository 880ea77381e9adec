package dev.llmcost.it.apps;

import static net.bytebuddy.matcher.ElementMatchers.named;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.implementation.FixedValue;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * An application that ships its own OpenTelemetry API and SDK, Jackson, ByteBuddy, OkHttp, Okio
 * and Kotlin (whatever versions its class path holds): it names the jar each comes from, generates
 * a class with ByteBuddy, builds requests and reads answers with Jackson, and makes two LLM calls
 * (OkHttp, JDK HttpClient) inside a span of its own SDK, whose finished spans it prints. The trace
 * id, random per run, is printed alone on a {@code trace=} line. Usage: {@code LibraryConflictsApp <base-url>}.
 */
public final class LibraryConflictsApp {
  private static final ObjectMapper JSON = new ObjectMapper();

  public static void main(String[] args) throws Exception {
    String base = args[0];
    for (Class<?> type : List.of(Span.class, SdkTracerProvider.class, ObjectMapper.class, ByteBuddy.class,
        OkHttpClient.class, okio.Buffer.class, kotlin.KotlinVersion.class)) {
      String location = type.getProtectionDomain().getCodeSource().getLocation().getPath();
      System.out.println("library " + type.getName() + " from " + location.substring(location.lastIndexOf('/') + 1));
    }
    System.out.println("kotlin " + kotlin.KotlinVersion.CURRENT + ", jackson " + ObjectMapper.class.getPackage().getImplementationVersion());

    Object generated = new ByteBuddy().subclass(Object.class).method(named("toString"))
        .intercept(FixedValue.value("made by the application's ByteBuddy")).make()
        .load(LibraryConflictsApp.class.getClassLoader()).getLoaded().getDeclaredConstructor().newInstance();
    System.out.println("bytebuddy " + generated);

    List<SpanData> finished = new CopyOnWriteArrayList<>();
    SdkTracerProvider tracing = SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(new Collecting(finished))).build();
    Tracer tracer = tracing.get("library-conflicts-app");
    Span work = tracer.spanBuilder("handle-request").startSpan();
    try (Scope ignored = work.makeCurrent()) {
      System.out.println("trace=" + work.getSpanContext().getTraceId());
      String body = JSON.writeValueAsString(JSON.createObjectNode().put("model", "gpt-4o-mini")
          .set("messages", JSON.createArrayNode().add(JSON.createObjectNode().put("role", "user").put("content", "Say hi"))));
      try (Response r = new OkHttpClient().newCall(new Request.Builder().url(base + "/v1/chat/completions")
          .post(RequestBody.create(body, MediaType.get("application/json"))).build()).execute()) {
        print("okhttp", r.code(), JSON.readTree(r.body().string()));
      }
      HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
          .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
      var response = HttpClient.newHttpClient().send(request, BodyHandlers.ofString());
      print("jdk", response.statusCode(), JSON.readTree(response.body()));
    } finally {
      work.end();
    }
    tracing.shutdown().join(5, java.util.concurrent.TimeUnit.SECONDS);
    for (SpanData s : finished) {
      System.out.println("app span " + s.getName() + " " + s.getKind() + " root=" + !s.getParentSpanContext().isValid());
    }
    System.out.println("### done");
  }

  private static void print(String client, int status, JsonNode answer) {
    System.out.println(client + " " + status + " " + answer.path("model").asText() + " "
        + answer.at("/choices/0/message/content").asText() + " tokens=" + answer.at("/usage/total_tokens").asInt());
  }

  /** The application's own exporter: keeps what it is given. */
  private record Collecting(List<SpanData> into) implements SpanExporter {
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      into.addAll(spans);
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
