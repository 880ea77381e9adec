package dev.llmcost.it.apps;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Spends on LLM calls with the JDK HttpClient, the way guard rails are meant to catch:
 * {@code burst} fires 100 async calls at once, then reads them all; {@code sequential} makes
 * sync calls one after another (each 1000 input and 200 output tokens of gpt-4o, $0.0045), then
 * one async call, printing for each whether it went through or how it failed.
 * Usage: {@code LlmBurstApp <provider-base-url> burst|sequential}.
 */
public final class LlmBurstApp {
  public static void main(String[] args) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    if (args[1].equals("burst")) {
      burst(client, args[0]);
    } else {
      sequential(client, args[0]);
    }
  }

  private static void burst(HttpClient client, String base) {
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      calls.add(client.sendAsync(request(base, "header-delay=40ms"), HttpResponse.BodyHandlers.ofString()));
    }
    long ok = calls.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 200).count();
    System.out.println("### burst " + ok + " of " + calls.size() + " answered");
  }

  private static void sequential(HttpClient client, String base) throws InterruptedException {
    for (int i = 1; i <= 5; i++) {
      try {
        HttpResponse<String> r = client.send(request(base, "input=1000; output=200"),
            HttpResponse.BodyHandlers.ofString());
        System.out.println("### call " + i + " " + r.statusCode());
      } catch (IOException e) {
        System.out.println("### call " + i + " failed " + e.getClass().getSimpleName() + " caused by "
            + (e.getCause() != null ? e.getCause().getClass().getName() : "-") + ": " + e.getMessage());
      }
    }
    try {
      client.sendAsync(request(base, "input=1000; output=200"), HttpResponse.BodyHandlers.ofString()).join();
      System.out.println("### async 200");
    } catch (CompletionException e) {
      System.out.println("### async failed " + e.getCause().getClass().getName());
    }
  }

  private static HttpRequest request(String base, String behaviour) {
    return HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
        .header("content-type", "application/json")
        .header("x-fake-behaviour", behaviour)
        .POST(HttpRequest.BodyPublishers.ofString(LlmBodies.openAi("gpt-4o", false)))
        .build();
  }
}
