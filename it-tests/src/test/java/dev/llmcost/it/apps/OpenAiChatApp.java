package dev.llmcost.it.apps;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;

/**
 * One chat completion through the official OpenAI Java SDK, no tracing code.
 * Usage: {@code OpenAiChatApp <openai-base-url>}.
 */
public final class OpenAiChatApp {
  public static void main(String[] args) {
    OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(args[0]).apiKey("sk-test")
        .maxRetries(0).build();
    ChatCompletion answer = client.chat().completions().create(ChatCompletionCreateParams.builder()
        .model("gpt-4o-mini").addUserMessage("Say hi").build());
    System.out.println("### chat " + answer.usage().map(u -> u.totalTokens()).orElse(-1L));
    client.close();
  }
}
