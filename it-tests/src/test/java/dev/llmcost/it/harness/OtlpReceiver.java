package dev.llmcost.it.harness;

import dev.llmcost.fake.Eventually;

import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * An in-process OTLP/HTTP receiver on 127.0.0.1 and an ephemeral port: {@code POST /v1/traces},
 * {@code /v1/metrics} and {@code /v1/logs} with {@code application/x-protobuf}, plain or gzip. It
 * decodes spans and metrics into records and keeps every byte it was sent.
 *
 * <pre>{@code
 * try (OtlpReceiver otlp = OtlpReceiver.start()) {
 *   AgentJvm.forMain(App.class).withAgent().exportingTo(otlp).run();
 *   ReceivedSpan span = otlp.awaitSpan(s -> s.name().equals("chat gpt-4o-mini"), Duration.ofSeconds(10));
 *   assertEquals(100L, span.longAttribute("gen_ai.usage.input_tokens"));
 *   assertFalse(otlp.receivedBytesContain("sk-planted-secret"));
 * }
 * }</pre>
 */
public final class OtlpReceiver implements AutoCloseable {

  private static final String PROTOBUF = "application/x-protobuf";

  private final HttpServer server;
  private final ExecutorService threads;
  private final Object lock = new Object();
  private final List<ReceivedSpan> spans = new ArrayList<>();
  private final List<ReceivedMetric> metrics = new ArrayList<>();
  private final List<RawExport> exports = new ArrayList<>();
  private final List<Throwable> failures = new ArrayList<>();
  private volatile int forcedStatus;
  private volatile long answerDelayMillis;

  private OtlpReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    threads = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "otlp-receiver");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(threads);
    server.createContext("/v1/traces", ex -> handle(ex, ExportTraceServiceResponse.getDefaultInstance().toByteArray()));
    server.createContext("/v1/metrics", ex -> handle(ex, ExportMetricsServiceResponse.getDefaultInstance().toByteArray()));
    server.createContext("/v1/logs", ex -> handle(ex, ExportLogsServiceResponse.getDefaultInstance().toByteArray()));
    server.start();
  }

  public static OtlpReceiver start() {
    try {
      return new OtlpReceiver();
    } catch (IOException e) {
      throw new IllegalStateException("cannot bind 127.0.0.1", e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The base endpoint, as {@code OTEL_EXPORTER_OTLP_ENDPOINT} takes it. */
  public String endpoint() {
    return "http://127.0.0.1:" + port();
  }

  /**
   * Environment for a JVM whose OpenTelemetry SDK should export here quickly: OTLP http/protobuf,
   * spans batched for at most 50 ms, metrics every 250 ms, logs off.
   */
  public Map<String, String> exporterEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint());
    env.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
    env.put("OTEL_TRACES_EXPORTER", "otlp");
    env.put("OTEL_METRICS_EXPORTER", "otlp");
    env.put("OTEL_LOGS_EXPORTER", "none");
    env.put("OTEL_BSP_SCHEDULE_DELAY", "50");
    env.put("OTEL_METRIC_EXPORT_INTERVAL", "250");
    return env;
  }

  /** Answer every export with this status from now on (0 restores 200): to test exporter resilience. */
  public void respondWith(int status) {
    this.forcedStatus = status;
  }

  /** Keep every export waiting this long before the answer (a slow backend); zero restores. */
  public void respondAfter(Duration delay) {
    this.answerDelayMillis = delay.toMillis();
  }

  // ---- what arrived ----------------------------------------------------------------------------

  public List<ReceivedSpan> spans() {
    synchronized (lock) {
      return List.copyOf(spans);
    }
  }

  /** Every metric of every export, in arrival order (a periodic reader repeats each metric). */
  public List<ReceivedMetric> metrics() {
    synchronized (lock) {
      return List.copyOf(metrics);
    }
  }

  public Optional<ReceivedMetric> latestMetric(String name) {
    List<ReceivedMetric> all = metrics();
    for (int i = all.size() - 1; i >= 0; i--) {
      if (all.get(i).name().equals(name)) {
        return Optional.of(all.get(i));
      }
    }
    return Optional.empty();
  }

  public List<RawExport> exports() {
    synchronized (lock) {
      return List.copyOf(exports);
    }
  }

  /** Bodies that could not be read or decoded: a broken exporter, or a bug here. */
  public List<Throwable> failures() {
    synchronized (lock) {
      return List.copyOf(failures);
    }
  }

  /** Whether any export, as sent or after gunzip, contains this text's UTF-8 bytes. */
  public boolean receivedBytesContain(String needle) {
    byte[] n = needle.getBytes(StandardCharsets.UTF_8);
    for (RawExport e : exports()) {
      if (indexOf(e.body(), n) >= 0 || indexOf(e.decoded(), n) >= 0) {
        return true;
      }
    }
    return false;
  }

  public void clear() {
    synchronized (lock) {
      spans.clear();
      metrics.clear();
      exports.clear();
      failures.clear();
    }
  }

  // ---- waiting ---------------------------------------------------------------------------------

  /** Waits until at least {@code count} received spans match; returns the matching ones. */
  public List<ReceivedSpan> awaitSpans(Predicate<ReceivedSpan> condition, int count, Duration timeout) {
    boolean ok = Eventually.holds(timeout, () -> spans().stream().filter(condition).count() >= count);
    List<ReceivedSpan> matching = spans().stream().filter(condition).toList();
    if (!ok) {
      throw new AssertionError("expected " + count + " matching spans within " + timeout + ", got "
          + matching.size() + "; all spans: " + spans() + failureNote());
    }
    return matching;
  }

  public List<ReceivedSpan> awaitSpans(int count, Duration timeout) {
    return awaitSpans(s -> true, count, timeout);
  }

  public ReceivedSpan awaitSpan(Predicate<ReceivedSpan> condition, Duration timeout) {
    return awaitSpans(condition, 1, timeout).get(0);
  }

  /** Waits for an export of the named metric that satisfies the condition; returns the newest such. */
  public ReceivedMetric awaitMetric(String name, Predicate<ReceivedMetric> condition, Duration timeout) {
    Predicate<ReceivedMetric> match = m -> m.name().equals(name) && condition.test(m);
    boolean ok = Eventually.holds(timeout, () -> metrics().stream().anyMatch(match));
    if (!ok) {
      throw new AssertionError("no matching export of metric " + name + " within " + timeout + "; received: "
          + metrics().stream().map(ReceivedMetric::name).distinct().toList() + failureNote());
    }
    List<ReceivedMetric> all = metrics().stream().filter(match).toList();
    return all.get(all.size() - 1);
  }

  public ReceivedMetric awaitMetric(String name, Duration timeout) {
    return awaitMetric(name, m -> true, timeout);
  }

  private String failureNote() {
    List<Throwable> f = failures();
    return f.isEmpty() ? "" : "; receiver failures: " + f;
  }

  // ---- serving ---------------------------------------------------------------------------------

  private void handle(HttpExchange ex, byte[] okBody) throws IOException {
    try (ex) {
      if (!"POST".equals(ex.getRequestMethod())) {
        ex.sendResponseHeaders(405, -1);
        return;
      }
      String path = ex.getRequestURI().getPath();
      String contentType = String.valueOf(ex.getRequestHeaders().getFirst("Content-Type"));
      String encoding = ex.getRequestHeaders().getFirst("Content-Encoding");
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readAllBytes();
      }
      long now = System.nanoTime();
      byte[] decoded;
      try {
        decoded = "gzip".equalsIgnoreCase(encoding) ? gunzip(body) : body;
      } catch (IOException e) {
        record(new RawExport(path, contentType, encoding, body, body, now), e);
        ex.sendResponseHeaders(400, -1);
        return;
      }
      RawExport raw = new RawExport(path, contentType, encoding, body, decoded, now);
      if (!contentType.startsWith(PROTOBUF)) {
        // OTLP/JSON is legal but not what our exporters send; refuse it loudly instead of guessing.
        record(raw, new IllegalArgumentException("unsupported content type " + contentType + " on " + path));
        ex.sendResponseHeaders(415, -1);
        return;
      }
      try {
        synchronized (lock) {
          exports.add(raw);
          if (path.equals("/v1/traces")) {
            spans.addAll(OtlpDecoder.spans(decoded));
          } else if (path.equals("/v1/metrics")) {
            metrics.addAll(OtlpDecoder.metrics(decoded, now));
          }
        }
      } catch (InvalidProtocolBufferException e) {
        record(null, e);
        ex.sendResponseHeaders(400, -1);
        return;
      }
      long delay = answerDelayMillis;
      if (delay > 0) {
        try {
          Thread.sleep(delay);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt(); // closing: answer at once
        }
      }
      int status = forcedStatus;
      if (status != 0 && status != 200) {
        ex.sendResponseHeaders(status, -1);
        return;
      }
      ex.getResponseHeaders().set("Content-Type", PROTOBUF);
      ex.sendResponseHeaders(200, okBody.length == 0 ? -1 : okBody.length);
      if (okBody.length > 0) {
        try (OutputStream out = ex.getResponseBody()) {
          out.write(okBody);
        }
      }
    } catch (IOException | RuntimeException e) {
      record(null, e);
      throw e;
    }
  }

  private void record(RawExport raw, Throwable failure) {
    synchronized (lock) {
      if (raw != null) {
        exports.add(raw);
      }
      failures.add(failure);
    }
  }

  private static byte[] gunzip(byte[] body) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(body.length * 4);
      in.transferTo(out);
      return out.toByteArray();
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
    try {
      threads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
