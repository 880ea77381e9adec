package dev.llmcost.it.apps;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

/**
 * Calls that go wrong, and one that is not an LLM call at all; prints what the application saw
 * (status and body, or the exception). Usage: {@code JdkFaultsApp <base-url>}.
 */
public final class JdkFaultsApp {
  public static void main(String[] args) throws Exception {
    String base = args[0];
    HttpClient client = HttpClient.newHttpClient();
    call(client, base, "rate-limited", "status=429; retry-after=0", false);
    call(client, base, "server-error", "status=500", false);
    call(client, base, "dropped-stream", "chunks=40; drop-after=5; input=50; output=40", true);
    HttpRequest notLlm = HttpRequest.newBuilder(URI.create(base + "/v1/models")).GET().build();
    System.out.println("### not-llm " + client.send(notLlm, BodyHandlers.ofString()).statusCode());
    System.out.println("### done");
  }

  private static void call(HttpClient client, String base, String name, String behaviour,
      boolean stream) {
    String body = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a long story\"}]"
        + (stream ? ",\"stream\":true" : "") + "}";
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
        .header("content-type", "application/json")
        .header("x-fake-behaviour", behaviour)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    try {
      HttpResponse<String> response = client.send(request, BodyHandlers.ofString());
      System.out.println("### " + name + " " + response.statusCode() + " " + response.body());
    } catch (Exception e) {
      System.out.println("### " + name + " threw " + e.getClass().getName());
    }
  }
}
