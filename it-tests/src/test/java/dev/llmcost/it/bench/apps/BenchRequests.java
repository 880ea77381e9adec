package dev.llmcost.it.bench.apps;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;

/** The requests the benchmark applications send: LLM calls (JSON and SSE) and ordinary REST calls. */
final class BenchRequests {
  private static final String PROMPT = "Summarise the customer's last three orders in one sentence, "
      + "mention anything that was returned, and suggest one product they may like next.";

  final HttpRequest chatJson;
  /** The same call, answered after {@link SteadyStateApp#PROVIDER_LATENCY_MS} as a real provider's is. */
  final HttpRequest chatJsonAnsweredLater;
  final HttpRequest chatStream;
  final HttpRequest restPost;
  final HttpRequest restGet;

  BenchRequests(String baseUrl) {
    chatJson = post(baseUrl + "/v1/chat/completions", chatBody(false));
    chatJsonAnsweredLater = HttpRequest.newBuilder(chatJson, (name, value) -> true)
        .header("x-fake-behaviour", "header-delay=" + SteadyStateApp.PROVIDER_LATENCY_MS + "ms").build();
    chatStream = post(baseUrl + "/v1/chat/completions", chatBody(true));
    restPost = post(baseUrl + "/v2/orders", "{\"sku\":\"A-1\",\"quantity\":2,\"note\":\"gift\"}");
    restGet = HttpRequest.newBuilder(URI.create(baseUrl + "/v2/orders/42?expand=items"))
        .timeout(Duration.ofSeconds(30)).GET().build();
  }

  /** HTTP/1.1 as the fake speaks it: no h2c upgrade attempt on the first request. */
  static HttpClient newClient() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
  }

  private static String chatBody(boolean stream) {
    return "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":\"You are a "
        + "concise shop assistant.\"},{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}],"
        + "\"temperature\":0.2,\"max_tokens\":300"
        + (stream ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" : "") + "}";
  }

  private static HttpRequest post(String url, String json) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .header("content-type", "application/json")
        .header("authorization", "Bearer sk-benchmark")
        .POST(BodyPublishers.ofString(json)).build();
  }
}
