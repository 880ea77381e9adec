package dev.llmcost.examples;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.ChatModel;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;

/**
 * The official OpenAI and Anthropic Java SDKs, used as their READMEs show, nothing added: the
 * agent sees each call through the SDKs' own HTTP client (OkHttp) and names this class as the
 * call site, even for the SDKs' async calls that run on their threads.
 */
final class OfficialSdksExample {
  private OfficialSdksExample() {}

  static void run(LlmClient client) {
    OpenAIClient openAi = OpenAIOkHttpClient.builder()
        .baseUrl(client.providers().openAiBaseUrl() + "/v1").apiKey(Providers.openAiKey()).build();
    AnthropicClient anthropic = AnthropicOkHttpClient.builder()
        .baseUrl(client.providers().anthropicBaseUrl()).apiKey(Providers.anthropicKey()).build();
    try {
      ChatCompletionCreateParams question = ChatCompletionCreateParams.builder()
          .model(ChatModel.GPT_4O_MINI).addUserMessage("Name three rivers.").build();
      ChatCompletion answer = openAi.chat().completions().create(question);
      System.out.println("openai: " + answer.choices().get(0).message().content().orElse(""));

      ChatCompletion later = openAi.async().chat().completions().create(question).join();
      System.out.println("openai async: " + later.usage().map(u -> u.totalTokens() + " tokens").orElse(""));

      try (StreamResponse<ChatCompletionChunk> stream = openAi.chat().completions().createStreaming(
          question.toBuilder()
              .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
              .build())) {
        System.out.println("openai stream: " + stream.stream().count() + " chunks");
      }

      Message message = anthropic.messages().create(MessageCreateParams.builder()
          .model("claude-haiku-4-5").maxTokens(256).addUserMessage("Name three mountains.").build());
      System.out.println("anthropic: " + message.usage().outputTokens() + " output tokens");
    } finally {
      openAi.close();
      anthropic.close();
    }
  }
}
