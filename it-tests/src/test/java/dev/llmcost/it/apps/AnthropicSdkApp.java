package dev.llmcost.it.apps;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;

/**
 * Uses the official Anthropic Java SDK (whichever version is on the class path) against a
 * provider: a message, the same through the async client, and a stream read to its end. Prints
 * what each one got under a {@code ### <scenario>} line. Each request asks the fake for its own
 * token figures. Usage: {@code AnthropicSdkApp <anthropic-base-url>}.
 */
public final class AnthropicSdkApp {
  private final AnthropicClient client;

  private AnthropicSdkApp(String baseUrl) {
    client = AnthropicOkHttpClient.builder().baseUrl(baseUrl).apiKey("sk-ant-test-sdk").maxRetries(0).build();
  }

  public static void main(String[] args) {
    AnthropicSdkApp app = new AnthropicSdkApp(args[0]);
    app.message();
    app.asyncMessage();
    app.streamed();
    System.out.println("### done");
    app.client.close();
  }

  void message() {
    System.out.println("### message");
    print(client.messages().create(params("input=3000; output=400")));
  }

  void asyncMessage() {
    System.out.println("### asyncMessage");
    print(client.async().messages().create(params("input=3100; output=410")).join());
  }

  void streamed() {
    System.out.println("### streamed");
    try (StreamResponse<RawMessageStreamEvent> stream =
        client.messages().createStreaming(params("input=3200; output=420; chunks=4"))) {
      StringBuilder text = new StringBuilder();
      stream.stream().forEach(event -> {
        event.contentBlockDelta().flatMap(d -> d.delta().text()).ifPresent(t -> text.append(t.text()));
        event.messageDelta().ifPresent(d -> System.out.println("output tokens " + d.usage().outputTokens()));
      });
      System.out.println("text " + text);
    }
  }

  private static MessageCreateParams params(String behaviour) {
    return MessageCreateParams.builder()
        .model("claude-haiku-4-5")
        .maxTokens(256)
        .addUserMessage("Say hi")
        .putAdditionalHeader("x-fake-behaviour", behaviour)
        .build();
  }

  private static void print(Message message) {
    StringBuilder text = new StringBuilder();
    message.content().forEach(block -> block.text().ifPresent(t -> text.append(t.text())));
    System.out.println(message.id() + " " + text + " " + message.usage().inputTokens() + " "
        + message.usage().outputTokens());
  }
}
