package dev.llmcost.it.apps;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.ChatModel;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import java.util.Optional;

/**
 * Uses the official OpenAI Java SDK (whichever version is on the class path) against a provider:
 * a chat completion, one gzipped, the same through the async client, a stream read to its end, a stream
 * closed after its first chunk, the Responses API (plain, streamed, async), a client pointed at
 * {@code localhost} as a self-hosted OpenAI-compatible server would be, and a rate-limited call
 * the SDK retries once.
 * Prints what each one got under a {@code ### <scenario>} line. Each request asks the fake for
 * its own token figures. Usage: {@code OpenAiSdkApp <openai-base-url>}.
 */
public final class OpenAiSdkApp {
  private final OpenAIClient client;
  private final OpenAIClient retryingOnce;
  private final OpenAIClient selfHosted;

  private OpenAiSdkApp(String baseUrl) {
    client = OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey("sk-test-sdk").maxRetries(0).build();
    retryingOnce = OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey("sk-test-sdk").maxRetries(1).build();
    selfHosted = OpenAIOkHttpClient.builder().baseUrl(baseUrl.replace("127.0.0.1", "localhost"))
        .apiKey("none").maxRetries(0).build();
  }

  public static void main(String[] args) {
    OpenAiSdkApp app = new OpenAiSdkApp(args[0]);
    app.chat();
    app.gzippedChat();
    app.asyncChat();
    app.streamed();
    app.streamClosedEarly();
    app.responses();
    app.responsesStreamed();
    app.asyncResponses();
    app.selfHostedChat();
    app.retried();
    System.out.println("### done");
    app.client.close();
    app.retryingOnce.close();
    app.selfHosted.close();
  }

  void chat() {
    System.out.println("### chat");
    print(client.chat().completions().create(chat("input=2000; output=300")));
  }

  /** Gzipped by the provider: OkHttp inflates it, and the JSON ends before the stream says so. */
  void gzippedChat() {
    System.out.println("### gzippedChat");
    print(client.chat().completions().create(chat("gzip; input=2050; output=305")));
  }

  void asyncChat() {
    System.out.println("### asyncChat");
    print(client.async().chat().completions().create(chat("input=2100; output=310")).join());
  }

  void streamed() {
    System.out.println("### streamed");
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
        streamingChat("input=2200; output=320; chunks=4"))) {
      StringBuilder text = new StringBuilder();
      stream.stream().forEach(chunk -> {
        chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append));
        chunk.usage().ifPresent(u -> System.out.println("usage " + u.promptTokens() + " " + u.completionTokens()));
      });
      System.out.println("text " + text);
    }
  }

  void streamClosedEarly() {
    System.out.println("### streamClosedEarly");
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
        streamingChat("input=2300; output=330; chunks=40; chunk-delay=25ms"))) {
      Optional<ChatCompletionChunk> first = stream.stream().findFirst();
      System.out.println("first chunk " + first.map(ChatCompletionChunk::id).orElse("none"));
    }
    System.out.println("closed");
  }

  void responses() {
    System.out.println("### responses");
    Response response = client.responses().create(ResponseCreateParams.builder()
        .model(ChatModel.GPT_4O_MINI)
        .input("Say hi")
        .putAdditionalHeader("x-fake-behaviour", "input=2400; output=340")
        .build());
    System.out.println(response.id() + " " + response.usage().map(u -> u.inputTokens() + " " + u.outputTokens()).orElse("no usage"));
  }

  void responsesStreamed() {
    System.out.println("### responsesStreamed");
    try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(
        responsesParams("input=2500; output=350; chunks=4"))) {
      StringBuilder text = new StringBuilder();
      stream.stream().forEach(event -> {
        event.outputTextDelta().ifPresent(d -> text.append(d.delta()));
        event.completed().ifPresent(c -> System.out.println("completed " + c.response().usage()
            .map(u -> u.inputTokens() + " " + u.outputTokens()).orElse("no usage")));
      });
      System.out.println("text " + text);
    }
  }

  void asyncResponses() {
    System.out.println("### asyncResponses");
    Response response = client.async().responses().create(responsesParams("input=2600; output=360"))
        .join();
    System.out.println(response.id() + " "
        + response.usage().map(u -> u.inputTokens() + " " + u.outputTokens()).orElse("no usage"));
  }

  /** An OpenAI-compatible server on this machine (vLLM, Ollama, LM Studio ...), by host name. */
  void selfHostedChat() {
    System.out.println("### selfHostedChat");
    print(selfHosted.chat().completions().create(chat("input=2700; output=370")));
  }

  private static ResponseCreateParams responsesParams(String behaviour) {
    return ResponseCreateParams.builder()
        .model(ChatModel.GPT_4O_MINI)
        .input("Say hi")
        .putAdditionalHeader("x-fake-behaviour", behaviour)
        .build();
  }

  /** Rate limited twice: the SDK's one retry is a second HTTP call. */
  void retried() {
    System.out.println("### retried");
    try {
      retryingOnce.chat().completions().create(chat("status=429; retry-after=0"));
      System.out.println("no error");
    } catch (OpenAIServiceException e) {
      System.out.println(e.getClass().getSimpleName() + " " + e.statusCode());
    }
  }

  private static ChatCompletionCreateParams chat(String behaviour) {
    return ChatCompletionCreateParams.builder()
        .model(ChatModel.GPT_4O_MINI)
        .addUserMessage("Say hi")
        .putAdditionalHeader("x-fake-behaviour", behaviour)
        .build();
  }

  private static ChatCompletionCreateParams streamingChat(String behaviour) {
    return chat(behaviour).toBuilder()
        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
        .build();
  }

  private static void print(ChatCompletion completion) {
    System.out.println(completion.id() + " " + completion.choices().get(0).message().content().orElse("")
        + " " + completion.usage().map(u -> u.promptTokens() + " " + u.completionTokens()).orElse("no usage"));
  }
}
