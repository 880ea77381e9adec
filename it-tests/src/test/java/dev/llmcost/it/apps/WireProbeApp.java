package dev.llmcost.it.apps;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Calls a provider with the JDK HttpClient the way a hand-written integration does (OpenAI and
 * Anthropic, JSON and SSE) and prints each answer as {@code ### <name> <status>} then the body
 * (after a {@code ### java <feature version>} line).
 * Usage: {@code WireProbeApp <base-url>}.
 */
public final class WireProbeApp {

  public static void main(String[] args) throws Exception {
    String base = args[0];
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    System.out.println("### java " + Runtime.version().feature());

    call(client, "openai-json", base + "/v1/chat/completions", openAi(false), "authorization", "Bearer sk-test-probe");
    call(client, "openai-sse", base + "/v1/chat/completions", openAi(true), "authorization", "Bearer sk-test-probe");
    call(client, "anthropic-json", base + "/v1/messages", anthropic(false), "x-api-key", "sk-ant-test-probe");
    call(client, "anthropic-sse", base + "/v1/messages", anthropic(true), "x-api-key", "sk-ant-test-probe");
    System.out.println("### done");
  }

  private static String openAi(boolean stream) {
    return "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hi\"}]"
        + (stream ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" : "") + "}";
  }

  private static String anthropic(boolean stream) {
    return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"Say hi\"}]"
        + (stream ? ",\"stream\":true" : "") + "}";
  }

  private static void call(HttpClient client, String name, String url, String body, String authHeader, String auth)
      throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(10))
        .header("content-type", "application/json")
        .header("anthropic-version", "2023-06-01")
        .header(authHeader, auth)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    System.out.println("### " + name + " " + response.statusCode());
    System.out.println(response.body());
  }
}
