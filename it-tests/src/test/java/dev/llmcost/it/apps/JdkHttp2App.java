package dev.llmcost.it.apps;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;

/**
 * Calls OpenAI and Anthropic endpoints over HTTP/2 (TLS with ALPN) with the JDK HttpClient and
 * prints, per call, {@code ### <name> <status> <version> <length> <sha256>} of exactly what the
 * application received. Each call asks the fake for its own usage (input 1200, 1210, ...), so a test
 * can match every span to its call.
 *
 * <p>One client makes only synchronous {@code send} calls: JSON and SSE bodies, a stream long enough
 * to need many flow-control window updates (run with a small {@code jdk.httpclient.windowsize}),
 * an endless stream the application closes after five events (the client resets that HTTP/2
 * stream), and a call after it. Its executor reports whether the client ever handed a body
 * subscriber's {@code getBody} to it, which the JDK does only for subscribers it does not trust.
 * Another client makes asynchronous calls: an Anthropic stream read as lines, and three OpenAI
 * streams at once on one connection.
 *
 * <p>Usage: {@code JdkHttp2App <https-base-url> <certificate.pem>}.
 */
public final class JdkHttp2App {
  private static String base;

  public static void main(String[] args) throws Exception {
    base = args[0];
    SSLContext tls = TrustedPem.sslContext(Path.of(args[1]));
    System.out.println("### java " + Runtime.version().feature());

    GetBodyHandOffs handOffs = new GetBodyHandOffs();
    HttpClient sync = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(tls)
        .connectTimeout(Duration.ofSeconds(5)).executor(handOffs).build();
    HttpResponse<String> text = sync.send(openAi(false, "input=1200; output=300; cache-read=1000"),
        BodyHandlers.ofString());
    print("openai-json", text, text.body().getBytes(StandardCharsets.UTF_8));
    HttpResponse<InputStream> stream = sync.send(openAi(true, "input=1210; output=310; chunks=40"),
        BodyHandlers.ofInputStream());
    try (InputStream in = stream.body()) {
      print("openai-sse", stream, in.readAllBytes());
    }
    text = sync.send(anthropic(false, "input=1220; output=320; cache-read=1000; cache-write=100"),
        BodyHandlers.ofString());
    print("anthropic-json", text, text.body().getBytes(StandardCharsets.UTF_8));
    flowControlled(sync);
    closedEarly(sync);
    HttpResponse<byte[]> bytes = sync.send(openAi(false, "input=1290; output=390"),
        BodyHandlers.ofByteArray());
    print("openai-json-after-reset", bytes, bytes.body());
    System.out.println("### sync client handed getBody to its executor: " + handOffs.count());

    HttpClient async = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(tls)
        .connectTimeout(Duration.ofSeconds(5)).build();
    String lines = async.sendAsync(
            anthropic(true, "input=1230; output=330; cache-read=1000; cache-write=100"),
            BodyHandlers.ofLines())
        .thenApply(r -> r.statusCode() + " " + r.version() + " "
            + r.body().collect(Collectors.joining("\n")))
        .join();
    String[] head = lines.split(" ", 3);
    print("anthropic-sse-lines", head[0] + " " + head[1], head[2].getBytes(StandardCharsets.UTF_8));
    List<CompletableFuture<HttpResponse<String>>> concurrent = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      concurrent.add(async.sendAsync(openAi(true, "input=" + (1240 + i) + "; output=" + (340 + i)
          + "; chunks=30; chunk-delay=5ms"), BodyHandlers.ofString()));
    }
    CompletableFuture.allOf(concurrent.toArray(new CompletableFuture<?>[0])).join();
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> r = concurrent.get(i).join();
      // The fake numbers its response ids in arrival order, which concurrent requests do not keep.
      String body = r.body().replaceAll("chatcmpl-fake[0-9]+", "chatcmpl-fake#");
      print("openai-sse-concurrent-" + i, r, body.getBytes(StandardCharsets.UTF_8));
    }
    handOffs.shutdown();
    System.out.println("### done");
  }

  /** A long stream read in small pieces: the client opens its window only as the app reads. */
  private static void flowControlled(HttpClient client) throws Exception {
    HttpResponse<InputStream> response = client.send(
        openAi(true, "input=1250; output=350; chunks=1500"), BodyHandlers.ofInputStream());
    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
    try (InputStream in = response.body()) {
      byte[] piece = new byte[512];
      for (int n; (n = in.read(piece)) >= 0; ) {
        all.write(piece, 0, n);
      }
    }
    print("openai-sse-flow-controlled", response, all.toByteArray());
  }

  /** Reads five events of an endless stream, then closes it: the client resets the stream. */
  private static void closedEarly(HttpClient client) throws Exception {
    HttpResponse<InputStream> response = client.send(openAi(true, "endless; input=1280; output=380"),
        BodyHandlers.ofInputStream());
    int events = 0;
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      for (String line; events < 5 && (line = reader.readLine()) != null; ) {
        if (line.startsWith("data:")) {
          events++;
        }
      }
    }
    System.out.println("### openai-sse-closed-early " + response.statusCode() + " " + response.version()
        + " events=" + events);
  }

  private static HttpRequest openAi(boolean stream, String behaviour) {
    String body = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hi\"}]"
        + (stream ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" : "") + "}";
    return HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
        .timeout(Duration.ofSeconds(15))
        .header("content-type", "application/json")
        .header("authorization", "Bearer sk-secret-h2")
        .header("x-fake-behaviour", behaviour)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static HttpRequest anthropic(boolean stream, String behaviour) {
    String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Say hi\"}]" + (stream ? ",\"stream\":true" : "") + "}";
    return HttpRequest.newBuilder(URI.create(base + "/v1/messages"))
        .timeout(Duration.ofSeconds(15))
        .header("content-type", "application/json")
        .header("anthropic-version", "2023-06-01")
        .header("x-api-key", "sk-ant-secret-h2")
        .header("x-fake-behaviour", behaviour)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static void print(String name, HttpResponse<?> response, byte[] bytes) throws Exception {
    print(name, response.statusCode() + " " + response.version(), bytes);
  }

  private static void print(String name, String statusAndVersion, byte[] bytes) throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
    System.out.println("### " + name + " " + statusAndVersion + " " + bytes.length + " "
        + HexFormat.of().formatHex(digest));
  }
}
