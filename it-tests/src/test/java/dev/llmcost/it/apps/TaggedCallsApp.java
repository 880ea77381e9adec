package dev.llmcost.it.apps;

import dev.llmcost.api.LlmCost;
import dev.llmcost.api.Tag;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/**
 * Tags LLM calls with the tagging API: a sync call and an async call started inside
 * {@code feature=search} (the async one completes after the scope closed), a nested
 * {@code user=...} scope, and a call outside any scope. Prints what the API reports.
 * Usage: {@code TaggedCallsApp <provider-base-url>}.
 */
public final class TaggedCallsApp {
  public static void main(String[] args) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    CompletableFuture<HttpResponse<String>> async;
    try (Tag feature = LlmCost.tag("feature", "search")) {
      System.out.println("### agent " + LlmCost.agentPresent() + " tags " + LlmCost.currentTags());
      try (Tag user = LlmCost.tag("user", "u-42")) {
        print("sync", client.send(request(args[0], "gpt-4o-mini"), HttpResponse.BodyHandlers.ofString()));
      }
      async = client.sendAsync(request(args[0], "gpt-4o"), HttpResponse.BodyHandlers.ofString());
    }
    print("async", async.join());
    print("untagged", client.send(request(args[0], "gpt-4.1-mini"), HttpResponse.BodyHandlers.ofString()));
    System.out.println("### after " + LlmCost.currentTags());
  }

  private static void print(String name, HttpResponse<String> response) {
    System.out.println("### " + name + " " + response.statusCode() + " " + response.body().length());
  }

  private static HttpRequest request(String base, String model) {
    return HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(LlmBodies.openAi(model, false)))
        .build();
  }
}
