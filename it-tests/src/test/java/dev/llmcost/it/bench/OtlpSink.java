package dev.llmcost.it.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An OTLP/HTTP endpoint that accepts every export at once and keeps nothing but a byte count, so
 * both agents really export (as in production) while the benchmark machine does no decoding work.
 * An empty protobuf body is a valid "all accepted" answer for traces, metrics and logs.
 */
final class OtlpSink implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService threads = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "otlp-sink");
    t.setDaemon(true);
    return t;
  });
  private final AtomicLong bytes = new AtomicLong();

  private OtlpSink() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    server.createContext("/", this::accept);
    server.setExecutor(threads);
    server.start();
  }

  static OtlpSink start() throws IOException {
    return new OtlpSink();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Bytes received so far (all signals, as sent: possibly gzip). */
  long bytesReceived() {
    return bytes.get();
  }

  private void accept(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      bytes.addAndGet(in.transferTo(java.io.OutputStream.nullOutputStream()));
    }
    exchange.getResponseHeaders().set("content-type", "application/x-protobuf");
    exchange.sendResponseHeaders(200, -1);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
