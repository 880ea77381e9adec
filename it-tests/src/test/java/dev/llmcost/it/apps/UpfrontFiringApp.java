package dev.llmcost.it.apps;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The waste pattern: validate eight documents with one LLM call each, creating every request up
 * front, and return at the first failed validation; the other calls still run and are billed.
 * Mode {@code lazy} is the fix: each request is created only when its result is needed.
 * Usage: {@code UpfrontFiringApp <base-url> upfront|lazy}.
 */
public final class UpfrontFiringApp {
  private static HttpClient client;
  private static String base;

  public static void main(String[] args) throws Exception {
    client = HttpClient.newHttpClient();
    base = args[0];
    boolean valid = args[1].equals("lazy") ? validateLazily(8) : validateAll(8);
    System.out.println("### valid " + valid);
    Thread.sleep(1000); // the service goes on with other work
  }

  static boolean validateAll(int documents) {
    List<CompletableFuture<HttpResponse<String>>> checks = new ArrayList<>();
    for (int i = 0; i < documents; i++) {
      checks.add(client.sendAsync(request(i), HttpResponse.BodyHandlers.ofString()));
    }
    for (CompletableFuture<HttpResponse<String>> check : checks) {
      if (!passes(check.join())) {
        return false; // early return: the other calls are still billed
      }
    }
    return true;
  }

  static boolean validateLazily(int documents) {
    for (int i = 0; i < documents; i++) {
      if (!passes(client.sendAsync(request(i), HttpResponse.BodyHandlers.ofString()).join())) {
        return false;
      }
    }
    return true;
  }

  private static boolean passes(HttpResponse<String> response) {
    return false; // the first document already fails validation
  }

  private static HttpRequest request(int document) {
    String body = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Is document "
        + document + " valid?\"}]}";
    return HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
        .header("content-type", "application/json")
        .header("x-fake-behaviour", "input=2000; output=100")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }
}
