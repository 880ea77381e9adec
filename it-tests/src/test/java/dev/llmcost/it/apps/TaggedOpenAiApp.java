package dev.llmcost.it.apps;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.llmcost.api.LlmCost;
import dev.llmcost.api.Tag;
import java.util.concurrent.CompletableFuture;

/**
 * Tags an async OpenAI SDK call, which the SDK sends from its own threads, and a sync one.
 * Usage: {@code TaggedOpenAiApp <openai-base-url>}.
 */
public final class TaggedOpenAiApp {
  public static void main(String[] args) {
    OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(args[0]).apiKey("sk-test")
        .maxRetries(0).build();
    CompletableFuture<ChatCompletion> async;
    try (Tag feature = LlmCost.tag("feature", "summary")) {
      async = client.async().chat().completions().create(chat("gpt-4o"));
      client.chat().completions().create(chat("gpt-4o-mini"));
    }
    System.out.println("### async " + async.join().model());
    client.close();
  }

  private static ChatCompletionCreateParams chat(String model) {
    return ChatCompletionCreateParams.builder().model(model).addUserMessage("Say hi").build();
  }
}
