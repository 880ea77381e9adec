package dev.llmcost.it.harness;

import dev.llmcost.fake.FakeProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.Protocol;
import okhttp3.internal.http2.StreamResetException;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import okio.BufferedSink;

/**
 * An HTTP/2 front for the HTTP/1.1-only {@link FakeProvider}: a {@link MockWebServer} on
 * 127.0.0.1 speaking TLS with ALPN ({@code h2}, then {@code http/1.1}) with a fresh self-signed
 * certificate for {@code 127.0.0.1}, whose dispatcher forwards every request to the provider and
 * returns its answer: status, headers (less the HTTP/1.1 connection headers HTTP/2 forbids), and the
 * body byte for byte, still encoded. The body is <b>streamed</b>: each read from the provider is
 * written and flushed as one or more DATA frames as soon as it arrives, so SSE events keep their
 * pace, and a client that resets the stream makes the front close its provider connection, which
 * the provider records as the client leaving.
 *
 * <p>A child JVM trusts the certificate through the PEM file at {@link #certificatePem()}.
 */
public final class Http2Front implements AutoCloseable {
  /**
   * Connection-specific fields (RFC 9113 8.2.2), which HTTP/2 forbids, and on the way to the
   * provider those the JDK client sets itself (host, content-length, expect).
   */
  private static final Set<String> RESPONSE_NOT_FORWARDED = Set.of("connection", "keep-alive",
      "proxy-connection", "transfer-encoding", "upgrade", "te");
  private static final Set<String> REQUEST_NOT_FORWARDED = Set.of("connection", "keep-alive",
      "proxy-connection", "transfer-encoding", "upgrade", "te", "host", "content-length", "expect");

  private final FakeProvider provider;
  private final MockWebServer server;
  private final Path pem;
  private final HttpClient upstream;
  private final List<Served> served = new CopyOnWriteArrayList<>();
  private final List<Throwable> failures = new CopyOnWriteArrayList<>();
  private final List<String> resets = new CopyOnWriteArrayList<>();

  /**
   * OkHttp logs each stream a client resets at INFO, with a stack trace; here that is expected
   * and counted ({@link #resets()}). Held strongly: a JUL logger's level lives only as long as it.
   */
  private static final Logger OKHTTP_LOG = Logger.getLogger(okhttp3.OkHttpClient.class.getName());

  static {
    OKHTTP_LOG.setLevel(Level.WARNING);
  }

  private Http2Front(FakeProvider provider) throws IOException {
    this.provider = provider;
    HeldCertificate certificate = new HeldCertificate.Builder()
        .commonName("llm-cost-agent http2 front")
        .addSubjectAlternativeName("127.0.0.1")
        .addSubjectAlternativeName("localhost")
        .duration(1, java.util.concurrent.TimeUnit.DAYS)
        .build();
    HandshakeCertificates serverCertificates = new HandshakeCertificates.Builder()
        .heldCertificate(certificate)
        .build();
    this.pem = Files.createTempFile("llmcost-h2-front", ".pem");
    Files.writeString(pem, certificate.certificatePem(), StandardCharsets.US_ASCII);
    this.upstream = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
    this.server = new MockWebServer();
    server.useHttps(serverCertificates.sslSocketFactory());
    server.setProtocols(List.of(Protocol.HTTP_2, Protocol.HTTP_1_1));
    server.setDispatcher(new Forwarding());
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  /** Starts a front for {@code provider} on a free loopback port. */
  public static Http2Front start(FakeProvider provider) {
    try {
      return new Http2Front(provider);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code https://127.0.0.1:PORT}, no trailing slash. */
  public String baseUrl() {
    return "https://127.0.0.1:" + server.getPort();
  }

  public int port() {
    return server.getPort();
  }

  /** The PEM file of the server certificate, for a client's trust store. */
  public Path certificatePem() {
    return pem;
  }

  /**
   * A request the front answered: its protocol ({@code HTTP/2}, {@code HTTP/1.1}), the index of
   * the client connection it came on (0 for the first connection), and its
   * {@code x-fake-behaviour} header, or "" without one.
   */
  public record Served(String protocol, int connection, String behaviour) {}

  /** Every request the front answered, in arrival order. */
  public List<Served> served() {
    return List.copyOf(served);
  }

  /** The error code of every stream a client reset while the front was answering ({@code CANCEL}, ...). */
  public List<String> resets() {
    return List.copyOf(resets);
  }

  /** What went wrong forwarding (a client resetting a stream is not a failure). */
  public List<Throwable> failures() {
    return List.copyOf(failures);
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      try {
        Files.deleteIfExists(pem);
      } catch (IOException ignored) {
        // a temp file
      }
    }
  }

  private final class Forwarding extends Dispatcher {
    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String behaviour = request.getHeaders().get("x-fake-behaviour");
      served.add(new Served(request.getVersion(), request.getConnectionIndex(),
          behaviour == null ? "" : behaviour));
      try {
        HttpResponse<InputStream> answer = upstream.send(toProvider(request),
            HttpResponse.BodyHandlers.ofInputStream());
        Headers.Builder headers = new Headers.Builder();
        for (Map.Entry<String, List<String>> field : answer.headers().map().entrySet()) {
          String name = field.getKey().toLowerCase(Locale.ROOT);
          if (name.startsWith(":") || RESPONSE_NOT_FORWARDED.contains(name)) {
            continue;
          }
          for (String value : field.getValue()) {
            headers.add(name, value);
          }
        }
        long length = answer.headers().firstValueAsLong("content-length").orElse(-1L);
        return new MockResponse.Builder()
            .code(answer.statusCode())
            .body(new StreamedBody(answer.body(), length))
            .headers(headers.build()) // after body(): replaces the Content-Length it set
            .build();
      } catch (IOException | RuntimeException e) {
        failures.add(e);
        return new MockResponse.Builder().code(502).body("front: " + e).build();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new MockResponse.Builder().code(502).body("front: interrupted").build();
      }
    }

    private HttpRequest toProvider(RecordedRequest request) {
      String target = request.getUrl().encodedPath()
          + (request.getUrl().encodedQuery() == null ? "" : "?" + request.getUrl().encodedQuery());
      HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(provider.baseUrl() + target))
          .timeout(Duration.ofSeconds(30));
      Headers headers = request.getHeaders();
      for (int i = 0; i < headers.size(); i++) {
        String name = headers.name(i).toLowerCase(Locale.ROOT);
        if (!name.startsWith(":") && !REQUEST_NOT_FORWARDED.contains(name)) {
          builder.header(name, headers.value(i));
        }
      }
      byte[] body = request.getBody() == null ? new byte[0] : request.getBody().toByteArray();
      return builder.method(request.getMethod(), body.length == 0
              ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
          .build();
    }
  }

  /** Copies the provider's body to the HTTP/2 stream as it arrives; closing it leaves the provider. */
  private final class StreamedBody implements MockResponseBody {
    private final InputStream in;
    private final long length;

    StreamedBody(InputStream in, long length) {
      this.in = in;
      this.length = length;
    }

    @Override
    public long getContentLength() {
      return length;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      try (InputStream body = in) {
        try {
          byte[] buffer = new byte[8192];
          for (int n; (n = body.read(buffer)) >= 0; ) {
            sink.write(buffer, 0, n);
            sink.flush();
          }
        } catch (StreamResetException e) {
          resets.add(e.errorCode.name()); // before leaving the provider, who tests wait for
          throw e;
        }
      }
    }
  }
}
