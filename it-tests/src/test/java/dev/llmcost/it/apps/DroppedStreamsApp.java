package dev.llmcost.it.apps;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * Starts four long streams, reads the first to its end and drops the other three futures once
 * their headers arrived: those streams go on generating for nobody. Then the service goes on
 * with other work. Usage: {@code DroppedStreamsApp <base-url>}.
 */
public final class DroppedStreamsApp {
  public static void main(String[] args) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    List<CompletableFuture<HttpResponse<Stream<String>>>> streams = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      streams.add(client.sendAsync(request(args[0]), HttpResponse.BodyHandlers.ofLines()));
    }
    CompletableFuture.allOf(streams.toArray(new CompletableFuture<?>[0])).get();
    try (Stream<String> first = streams.get(0).join().body()) {
      System.out.println("### first stream: " + first.filter(l -> l.startsWith("data:")).count() + " events");
    }
    streams = null;
    for (int i = 0; i < 20; i++) { // other work; the collector runs now and then
      System.gc();
      Thread.sleep(100);
    }
    // nanoTime is the machine's monotonic clock on Linux: the test compares it with the provider's.
    System.out.println("### other work done at " + System.nanoTime());
  }

  private static HttpRequest request(String base) {
    return HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
        .header("content-type", "application/json")
        .header("x-fake-behaviour", "chunks=60; chunk-delay=40ms; input=30; output=3000")
        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o-mini\",\"stream\":true,"
            + "\"stream_options\":{\"include_usage\":true},"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"A long story\"}]}"))
        .build();
  }
}
