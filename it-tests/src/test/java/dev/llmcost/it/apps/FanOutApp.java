package dev.llmcost.it.apps;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Twelve product descriptions classified at once (every request fired before the first answer,
 * then all read: work a Batch API would do at half price), and twelve more one after another.
 * Usage: {@code FanOutApp <base-url>}.
 */
public final class FanOutApp {
  static final int ITEMS = 12;
  private static HttpClient client;
  private static String base;

  public static void main(String[] args) throws Exception {
    base = args[0];
    client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    System.out.println("### fan-out read " + classifyAllAtOnce());
    System.out.println("### one by one read " + classifyOneByOne());
  }

  private static int classifyAllAtOnce() {
    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    for (int i = 0; i < ITEMS; i++) {
      answers.add(client.sendAsync(request("product " + i, "header-delay=1s"),
          HttpResponse.BodyHandlers.ofString()));
    }
    int read = 0;
    for (CompletableFuture<HttpResponse<String>> answer : answers) {
      read += answer.join().body().length() > 0 ? 1 : 0;
    }
    return read;
  }

  private static int classifyOneByOne() throws Exception {
    int read = 0;
    for (int i = 0; i < ITEMS; i++) {
      read += client.send(request("article " + i, "header-delay=0ms"),
          HttpResponse.BodyHandlers.ofString()).body().length() > 0 ? 1 : 0;
    }
    return read;
  }

  private static HttpRequest request(String item, String behaviour) {
    return HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
        .header("x-fake-behaviour", "input=1000; output=200; " + behaviour)
        .header("content-type", "application/json")
        .timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":"
            + "\"user\",\"content\":\"Classify: " + item + "\"}]}"))
        .build();
  }
}
