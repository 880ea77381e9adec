package dev.llmcost.it.apps;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.ChatModel;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.util.concurrent.CompletableFuture;

/**
 * Asks the OpenAI SDK's async client for an answer and cancels the future while the provider is
 * still thinking (its answer comes after 1.5 s), then lets it go: the SDK never reads the
 * answer that arrives. Prints whether the future says cancelled.
 * Usage: {@code OpenAiAsyncCancelApp <openai-base-url>}.
 */
public final class OpenAiAsyncCancelApp {

  public static void main(String[] args) throws Exception {
    OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(args[0]).apiKey("sk-test-sdk")
        .maxRetries(0).build();
    // A first call, read, so that the SDK is warm: cold, it may take longer to send the request
    // than the application waits before cancelling, and then nothing is sent at all.
    client.chat().completions().create(ChatCompletionCreateParams.builder().model(ChatModel.GPT_4O)
        .addUserMessage("warm up").build());
    System.out.println("### cancelled " + askAndCancel(client));
    Thread.sleep(2000); // the answer arrives, and nobody reads it
    System.gc(); // the cancelled future and the response it never read become garbage
    Thread.sleep(1500);
    System.out.println("### done");
    client.close();
  }

  private static boolean askAndCancel(OpenAIClient client) throws InterruptedException {
    CompletableFuture<ChatCompletion> answer = client.async().chat().completions().create(
        ChatCompletionCreateParams.builder().model(ChatModel.GPT_4O_MINI).addUserMessage("hi")
            .putAdditionalHeader("x-fake-behaviour", "input=2000; output=100; header-delay=1500ms")
            .build());
    Thread.sleep(500); // on its way
    return answer.cancel(true);
  }
}
