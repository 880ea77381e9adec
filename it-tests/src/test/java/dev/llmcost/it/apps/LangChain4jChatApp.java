package dev.llmcost.it.apps;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.http.client.HttpClientBuilderLoader;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A LangChain4j application: one blocking and one streaming chat per provider, through the HTTP
 * client LangChain4j picks itself. Prints that client, then each answer, the usage LangChain4j read
 * and the threads a stream called back on, so a run with the agent can be compared with one without.
 * Usage: {@code LangChain4jChatApp <base-url ending in /v1> openai|anthropic...}.
 */
public final class LangChain4jChatApp {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  public static void main(String[] args) throws Exception {
    String baseUrl = args[0];
    List<String> providers = List.of(args).subList(1, args.length);
    System.out.println("http client: " + HttpClientBuilderLoader.loadHttpClientBuilder().getClass().getName());
    if (providers.contains("openai")) {
      print("openai blocking", OpenAiChatModel.builder()
          .baseUrl(baseUrl).apiKey("sk-test-lc4j").modelName("gpt-4o-mini").timeout(TIMEOUT).maxRetries(0)
          .build());
      print("openai streaming", OpenAiStreamingChatModel.builder()
          .baseUrl(baseUrl).apiKey("sk-test-lc4j").modelName("gpt-4o-mini").timeout(TIMEOUT)
          .build());
    }
    if (providers.contains("anthropic")) {
      print("anthropic blocking", AnthropicChatModel.builder()
          .baseUrl(baseUrl).apiKey("sk-ant-test-lc4j").modelName("claude-sonnet-4-5").maxTokens(64)
          .timeout(TIMEOUT).maxRetries(0)
          .build());
      print("anthropic streaming", AnthropicStreamingChatModel.builder()
          .baseUrl(baseUrl).apiKey("sk-ant-test-lc4j").modelName("claude-sonnet-4-5").maxTokens(64)
          .timeout(TIMEOUT)
          .build());
    }
    System.out.println("done");
  }

  private static void print(String name, ChatModel model) {
    System.out.println(name + ": " + describe(model.chat(ChatRequest.builder()
        .messages(UserMessage.from("Say hi")).build())));
  }

  private static void print(String name, StreamingChatModel model) throws Exception {
    StringBuilder partials = new StringBuilder();
    Set<String> threadKinds = new TreeSet<>(); // the threads LangChain4j calls back on, digits dropped
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    model.chat("Say hi", new StreamingChatResponseHandler() {
      @Override
      public void onPartialResponse(String partial) {
        synchronized (partials) {
          partials.append(partial);
          threadKinds.add(Thread.currentThread().getName().replaceAll("[0-9]+", "#"));
        }
      }

      @Override
      public void onCompleteResponse(ChatResponse response) {
        done.complete(response);
      }

      @Override
      public void onError(Throwable error) {
        done.completeExceptionally(error);
      }
    });
    ChatResponse response = done.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    synchronized (partials) {
      System.out.println(name + ": " + describe(response) + " partials=" + partials
          + " on " + threadKinds);
    }
  }

  private static String describe(ChatResponse response) {
    return response.aiMessage().text() + " [model=" + response.modelName()
        + " finish=" + response.finishReason()
        + " in=" + response.tokenUsage().inputTokenCount()
        + " out=" + response.tokenUsage().outputTokenCount() + "]";
  }
}
