package dev.llmcost.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/** What many applications write by hand: the JDK HttpClient and a JSON body per call. */
public final class LlmClient {
  private final HttpClient http = HttpClient.newHttpClient();
  private final Providers providers;

  LlmClient(Providers providers) {
    this.providers = providers;
  }

  Providers providers() {
    return providers;
  }

  String chat(String model, String prompt) {
    try {
      return http.send(openAi(model, prompt, false, ""), HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  CompletableFuture<String> chatAsync(String model, String prompt) {
    return http.sendAsync(openAi(model, prompt, false, ""), HttpResponse.BodyHandlers.ofString())
        .thenApply(HttpResponse::body);
  }

  CompletableFuture<String> chatAsync(String model, String prompt, String fakeBehaviour) {
    return http.sendAsync(openAi(model, prompt, false, fakeBehaviour), HttpResponse.BodyHandlers.ofString())
        .thenApply(HttpResponse::body);
  }

  CompletableFuture<HttpResponse<String>> chatAsyncResponse(String model, String prompt) {
    return http.sendAsync(openAi(model, prompt, false, ""), HttpResponse.BodyHandlers.ofString());
  }

  Stream<String> stream(String model, String prompt, String fakeBehaviour) {
    try {
      return http.send(openAi(model, prompt, true, fakeBehaviour), HttpResponse.BodyHandlers.ofLines())
          .body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  String anthropic(String model, String system, String prompt, String fakeBehaviour) {
    String body = "{\"model\":\"" + model + "\",\"max_tokens\":256,\"system\":[{\"type\":\"text\",\"text\":"
        + quote(system) + ",\"cache_control\":{\"type\":\"ephemeral\"}}],"
        + "\"messages\":[{\"role\":\"user\",\"content\":" + quote(prompt) + "}]}";
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(providers.anthropicBaseUrl() + "/v1/messages"))
        .header("content-type", "application/json")
        .header("anthropic-version", "2023-06-01")
        .header("x-api-key", Providers.anthropicKey())
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (!fakeBehaviour.isEmpty()) {
      request.header("x-fake-behaviour", fakeBehaviour);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private HttpRequest openAi(String model, String prompt, boolean stream, String fakeBehaviour) {
    String body = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":"
        + quote(prompt) + "}]"
        + (stream ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" : "") + "}";
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(providers.openAiBaseUrl() + "/v1/chat/completions"))
        .header("content-type", "application/json")
        .header("authorization", "Bearer " + Providers.openAiKey());
    if (!fakeBehaviour.isEmpty()) {
      b.header("x-fake-behaviour", fakeBehaviour);
    }
    return b.POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
