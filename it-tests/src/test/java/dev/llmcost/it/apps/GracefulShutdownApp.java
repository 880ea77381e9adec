package dev.llmcost.it.apps;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A service with a graceful shutdown: its shutdown hook waits for its workers, which are reading
 * LLM streams that never end, and two more calls wait for headers that never come. Prints
 * {@code ### streaming} once every stream is flowing, then exits by {@code System.exit} (mode
 * {@code exit}) or waits to be sent SIGTERM (mode {@code sigterm}).
 * Usage: {@code GracefulShutdownApp <base-url> exit|sigterm}.
 */
public final class GracefulShutdownApp {
  private static final int WORKERS = 3;

  public static void main(String[] args) throws Exception {
    String base = args[0];
    HttpClient client = HttpClient.newHttpClient();
    ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
    CountDownLatch flowing = new CountDownLatch(WORKERS);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      workers.shutdown();
      try {
        boolean done = workers.awaitTermination(60, TimeUnit.SECONDS);
        System.out.println("### hook: workers finished " + done);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));
    for (int i = 0; i < WORKERS; i++) {
      int id = i;
      workers.submit(() -> stream(client, base, id, flowing));
    }
    List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      waiting.add(client.sendAsync(request(base, "hang", false), HttpResponse.BodyHandlers.ofString()));
    }
    flowing.await(20, TimeUnit.SECONDS);
    System.out.println("### streaming");
    if (args[1].equals("exit")) {
      System.exit(0);
    }
    Thread.sleep(120_000);
  }

  private static void stream(HttpClient client, String base, int id, CountDownLatch flowing) {
    int lines = 0;
    try {
      HttpResponse<Stream<String>> response = client.send(
          request(base, "endless; chunk-delay=20ms", true), HttpResponse.BodyHandlers.ofLines());
      try (Stream<String> body = response.body()) {
        for (String line : (Iterable<String>) body::iterator) {
          if (line.startsWith("data:") && ++lines == 3) {
            flowing.countDown();
          }
        }
      }
      System.out.println("### worker " + id + " stream ended");
    } catch (IOException | RuntimeException e) {
      System.out.println("### worker " + id + " stream failed: " + e.getClass().getName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static HttpRequest request(String base, String behaviour, boolean stream) {
    String body = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Write forever\"}]"
        + (stream ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" : "") + "}";
    return HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
        .header("content-type", "application/json")
        .header("x-fake-behaviour", behaviour)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }
}
