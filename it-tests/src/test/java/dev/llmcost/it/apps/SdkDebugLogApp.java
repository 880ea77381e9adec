package dev.llmcost.it.apps;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.MessageCreateParams;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;

/**
 * One OpenAI chat completion and one Anthropic message through the official SDKs, meant to run
 * with their debug logging on ({@code OPENAI_LOG=debug}, {@code ANTHROPIC_LOG=debug}), which
 * prints every request body on stderr. Usage: {@code SdkDebugLogApp <provider-base-url>}.
 */
public final class SdkDebugLogApp {
  public static void main(String[] args) {
    OpenAIClient openAi = OpenAIOkHttpClient.builder().baseUrl(args[0] + "/v1").apiKey("sk-test")
        .maxRetries(0).build();
    openAi.chat().completions().create(ChatCompletionCreateParams.builder()
        .model("gpt-4o-mini").addUserMessage("Say hi from the OpenAI SDK").build());
    openAi.close();
    AnthropicClient anthropic = AnthropicOkHttpClient.builder().baseUrl(args[0])
        .apiKey("sk-ant-test").maxRetries(0).build();
    anthropic.messages().create(MessageCreateParams.builder().model("claude-haiku-4-5")
        .maxTokens(100).addUserMessage("Say hi from the Anthropic SDK").build());
    anthropic.close();
    System.out.println("### done");
  }
}
