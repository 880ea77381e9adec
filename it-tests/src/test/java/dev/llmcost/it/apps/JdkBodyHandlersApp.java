package dev.llmcost.it.apps;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.stream.Collectors;

/**
 * Calls the provider once per standard BodyHandler form (and a custom one), over HTTP/1.1,
 * synchronously and asynchronously, and prints a digest of exactly what the application received.
 * Each call asks the fake for distinct usage ({@code input=100+i; output=10+i}) so the test can
 * match every span to its call. Usage: {@code JdkBodyHandlersApp <base-url>}.
 */
public final class JdkBodyHandlersApp {
  private static HttpClient client;
  private static String base;
  private static int index;

  public static void main(String[] args) throws Exception {
    base = args[0];
    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    Path file = Files.createTempFile("llm-body", ".json");

    print("ofString", sync(false, BodyHandlers.ofString()).getBytes(StandardCharsets.UTF_8));
    print("ofByteArray", sync(false, BodyHandlers.ofByteArray()));
    try (InputStream in = sync(true, BodyHandlers.ofInputStream())) {
      print("ofInputStream-sse", in.readAllBytes());
    }
    print("ofLines-sse", sync(true, BodyHandlers.ofLines()).collect(Collectors.joining("\n"))
        .getBytes(StandardCharsets.UTF_8));
    print("ofPublisher-sse", collect(sync(true, BodyHandlers.ofPublisher())));
    print("ofFile", Files.readAllBytes(sync(false, BodyHandlers.ofFile(file))));
    sync(false, BodyHandlers.discarding());
    print("discarding", new byte[0]);
    BodyHandler<Integer> length = info -> BodySubscribers.mapping(
        BodySubscribers.ofString(StandardCharsets.UTF_8), String::length);
    print("custom-mapping", Integer.toString(sync(false, length)).getBytes(StandardCharsets.UTF_8));
    print("async-ofString", async(false, BodyHandlers.ofString()).join().body()
        .getBytes(StandardCharsets.UTF_8));
    print("async-ofLines-sse", async(true, BodyHandlers.ofLines()).thenApply(r ->
        r.body().collect(Collectors.joining("\n"))).join().getBytes(StandardCharsets.UTF_8));
    Files.deleteIfExists(file);
    System.out.println("### done");
  }

  private static HttpRequest request(boolean stream) {
    int i = index++;
    String body = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hi\"}]"
        + (stream ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" : "") + "}";
    return HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
        .header("content-type", "application/json")
        .header("authorization", "Bearer sk-secret-jdk-handlers")
        .header("x-fake-behaviour", "input=" + (100 + i) + "; output=" + (10 + i))
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static <T> T sync(boolean stream, BodyHandler<T> handler) throws Exception {
    HttpResponse<T> response = client.send(request(stream), handler);
    System.out.println("### status " + response.statusCode());
    return response.body();
  }

  private static <T> CompletableFuture<HttpResponse<T>> async(boolean stream, BodyHandler<T> handler) {
    return client.sendAsync(request(stream), handler);
  }

  private static byte[] collect(Flow.Publisher<List<ByteBuffer>> publisher) throws Exception {
    CompletableFuture<byte[]> done = new CompletableFuture<>();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    publisher.subscribe(new Flow.Subscriber<>() {
      @Override public void onSubscribe(Flow.Subscription s) { s.request(Long.MAX_VALUE); }
      @Override public void onNext(List<ByteBuffer> items) {
        for (ByteBuffer b : items) {
          byte[] chunk = new byte[b.remaining()];
          b.get(chunk);
          out.write(chunk, 0, chunk.length);
        }
      }
      @Override public void onError(Throwable t) { done.completeExceptionally(t); }
      @Override public void onComplete() { done.complete(out.toByteArray()); }
    });
    return done.get();
  }

  private static void print(String name, byte[] bytes) throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
    System.out.println("### " + name + " " + bytes.length + " " + HexFormat.of().formatHex(digest));
  }
}
