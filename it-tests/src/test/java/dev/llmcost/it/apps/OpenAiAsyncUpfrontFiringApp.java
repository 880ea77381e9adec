package dev.llmcost.it.apps;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.ChatModel;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The upfront-firing waste pattern with the official OpenAI SDK's async client: one future per
 * document, all created up front, the first joined, and an early return at the first failed
 * validation. The SDK reads every answer on its own threads; the application never reads seven
 * of the futures, which are later collected.
 * Usage: {@code OpenAiAsyncUpfrontFiringApp <openai-base-url>}.
 */
public final class OpenAiAsyncUpfrontFiringApp {
  private static OpenAIClient client;

  public static void main(String[] args) throws Exception {
    client = OpenAIOkHttpClient.builder().baseUrl(args[0]).apiKey("sk-test-sdk").maxRetries(0).build();
    System.out.println("### valid " + validateAll(8));
    Thread.sleep(500); // the service goes on with other work while the answers arrive
    System.gc(); // the dropped futures become garbage, as they would in a running service
    Thread.sleep(1000);
    System.out.println("### done");
    client.close();
  }

  static boolean validateAll(int documents) {
    List<CompletableFuture<ChatCompletion>> checks = new ArrayList<>();
    for (int i = 0; i < documents; i++) {
      checks.add(client.async().chat().completions().create(ChatCompletionCreateParams.builder()
          .model(ChatModel.GPT_4O_MINI)
          .addUserMessage("Is document " + i + " valid?")
          .putAdditionalHeader("x-fake-behaviour", "input=2000; output=100")
          .build()));
    }
    for (CompletableFuture<ChatCompletion> check : checks) {
      if (!passes(check.join())) {
        return false; // early return: the other answers are never read
      }
    }
    return true;
  }

  private static boolean passes(ChatCompletion answer) {
    return answer.id().isEmpty(); // the first document already fails validation
  }
}
