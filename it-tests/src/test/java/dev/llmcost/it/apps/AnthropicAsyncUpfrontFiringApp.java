package dev.llmcost.it.apps;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@link OpenAiAsyncUpfrontFiringApp} with the official Anthropic SDK's async client: eight
 * futures created up front, the first joined, an early return; seven are never read.
 * Usage: {@code AnthropicAsyncUpfrontFiringApp <anthropic-base-url>}.
 */
public final class AnthropicAsyncUpfrontFiringApp {
  private static AnthropicClient client;

  public static void main(String[] args) throws Exception {
    client = AnthropicOkHttpClient.builder().baseUrl(args[0]).apiKey("sk-ant-test-sdk").maxRetries(0).build();
    System.out.println("### valid " + validateAll(8));
    Thread.sleep(500); // the service goes on with other work while the answers arrive
    System.gc(); // the dropped futures become garbage, as they would in a running service
    Thread.sleep(1000);
    System.out.println("### done");
    client.close();
  }

  static boolean validateAll(int documents) {
    List<CompletableFuture<Message>> checks = new ArrayList<>();
    for (int i = 0; i < documents; i++) {
      checks.add(client.async().messages().create(MessageCreateParams.builder()
          .model("claude-haiku-4-5")
          .maxTokens(256)
          .addUserMessage("Is document " + i + " valid?")
          .putAdditionalHeader("x-fake-behaviour", "input=2000; output=100")
          .build()));
    }
    for (CompletableFuture<Message> check : checks) {
      if (!passes(check.join())) {
        return false; // early return: the other answers are never read
      }
    }
    return true;
  }

  private static boolean passes(Message answer) {
    return answer.id().isEmpty(); // the first document already fails validation
  }
}
