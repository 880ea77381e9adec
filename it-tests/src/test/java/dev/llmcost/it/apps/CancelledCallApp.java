package dev.llmcost.it.apps;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/**
 * Gives up on a call that takes too long: cancels its future while the provider is still
 * thinking. Usage: {@code CancelledCallApp <base-url>}.
 */
public final class CancelledCallApp {
  public static void main(String[] args) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    CompletableFuture<HttpResponse<String>> slow = client.sendAsync(
        HttpRequest.newBuilder(URI.create(args[0] + "/v1/chat/completions"))
            .header("content-type", "application/json")
            .header("x-fake-behaviour", "header-delay=30s")
            .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o-mini\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Think hard\"}]}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    Thread.sleep(500);
    System.out.println("### cancelled " + slow.cancel(true) + " " + slow.isCancelled());
    Thread.sleep(500);
  }
}
