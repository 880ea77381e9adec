package dev.llmcost.it.apps;

import dev.llmcost.api.LlmCost;
import dev.llmcost.api.Tag;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Spends with two providers for budgets by provider and by tag: OpenAI and Anthropic calls in
 * turn (each 1000 input and 200 output tokens; gpt-4o $0.0045, claude-sonnet-4-5 $0.006), then
 * Anthropic calls inside {@code LlmCost.tag("feature", "search")} and one outside it, printing for
 * each whether it went through or how it failed.
 * Usage: {@code ScopedBudgetApp <provider-base-url>}.
 */
public final class ScopedBudgetApp {
  public static void main(String[] args) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    String base = args[0];
    for (int i = 1; i <= 3; i++) {
      call(client, base, "openai " + i, true);
      call(client, base, "anthropic " + i, false);
    }
    try (Tag feature = LlmCost.tag("feature", "search")) {
      call(client, base, "search 1", false);
      call(client, base, "search 2", false);
    }
    call(client, base, "untagged", false);
  }

  private static void call(HttpClient client, String base, String name, boolean openAi)
      throws InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base
            + (openAi ? "/v1/chat/completions" : "/v1/messages")))
        .header("content-type", "application/json")
        .header("x-fake-behaviour", "input=1000; output=200")
        .POST(HttpRequest.BodyPublishers.ofString(
            openAi ? LlmBodies.openAi("gpt-4o", false) : LlmBodies.anthropic(false)))
        .build();
    try {
      System.out.println("### " + name + " " + client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode());
    } catch (IOException e) {
      System.out.println("### " + name + " failed " + e.getMessage());
    }
  }
}
