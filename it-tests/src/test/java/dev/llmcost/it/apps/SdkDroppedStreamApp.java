package dev.llmcost.it.apps;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;

/**
 * Two OpenAI SDK streams nobody reads: one the application drops (the SDK's own cleaner closes it
 * once it is collected), one it closes at once. Usage: {@code SdkDroppedStreamApp <openai-base-url>}.
 */
public final class SdkDroppedStreamApp {
  public static void main(String[] args) throws Exception {
    OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(args[0]).apiKey("sk-test")
        .maxRetries(0).build();
    droppedUnread(client);
    for (int i = 0; i < 30; i++) { // the SDK's cleaner closes the stream once it is collected
      System.gc();
      Thread.sleep(100);
    }
    closedUnread(client);
    System.out.println("### done");
    client.close();
  }

  static void droppedUnread(OpenAIClient client) {
    client.chat().completions().createStreaming(params("input=2500; output=350; chunks=4"));
  }

  static void closedUnread(OpenAIClient client) {
    try (StreamResponse<ChatCompletionChunk> stream =
        client.chat().completions().createStreaming(params("input=2600; output=360; chunks=4"))) {
      System.out.println("closed without reading");
    }
  }

  private static ChatCompletionCreateParams params(String behaviour) {
    return ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage("Say hi")
        .putAdditionalHeader("x-fake-behaviour", behaviour)
        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
        .build();
  }
}
