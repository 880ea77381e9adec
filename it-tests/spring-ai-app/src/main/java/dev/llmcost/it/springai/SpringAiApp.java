package dev.llmcost.it.springai;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

/**
 * Spring AI 2.0 used programmatically, as an application without Spring Boot would: an
 * {@link OpenAiChatModel} and an {@link AnthropicChatModel} built with their builders, pointed at
 * a provider's base URL, fake API keys, no retries. Spring AI runs the official OpenAI and
 * Anthropic SDKs over its own OkHttp clients ({@code SpringAiOpenAiHttpClient},
 * {@code SpringAiAnthropicHttpClient}); calls go through the sync SDK client, streams through the
 * async one.
 *
 * <p>Scenarios, each printed under a {@code ### <scenario>} line with the answer text and the
 * usage Spring AI reports: a chat call, a stream collected to its end (OpenAI, then Anthropic),
 * and a call through {@link ChatClient}, each with its own prompt (no two requests alike). Each
 * asks the fake provider for its own token figures
 * ({@code x-fake-behaviour}: a client header for OpenAI, whose options have no per-request
 * headers, a per-request header for Anthropic). Usage: {@code SpringAiApp <provider-base-url>}.
 */
public final class SpringAiApp {
  private static final String BEHAVIOUR = "x-fake-behaviour";

  private final String baseUrl;

  private SpringAiApp(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public static void main(String[] args) {
    SpringAiApp app = new SpringAiApp(args[0]);
    app.openAiCall();
    app.openAiStream();
    app.anthropicCall();
    app.anthropicStream();
    app.chatClientCall();
    System.out.println("### done");
    // Spring AI's OkHttp dispatchers (used by the streams) run on non-daemon threads kept alive
    // for 60 s, and the chat models do not expose the clients to close: a command-line
    // application exits.
    System.exit(0);
  }

  void openAiCall() {
    System.out.println("### openAiCall");
    ChatModel model = openAi("input=2000; output=300");
    print(model.call(new Prompt("Name a colour")));
  }

  void openAiStream() {
    System.out.println("### openAiStream");
    ChatModel model = openAi("input=2200; output=320; chunks=4");
    printStream(model.stream(new Prompt("Name a fruit")).collectList().block());
  }

  void anthropicCall() {
    System.out.println("### anthropicCall");
    ChatModel model = anthropic("input=3000; output=400");
    print(model.call(new Prompt("Name a river")));
  }

  void anthropicStream() {
    System.out.println("### anthropicStream");
    ChatModel model = anthropic("input=3200; output=420; chunks=4");
    printStream(model.stream(new Prompt("Name a mountain")).collectList().block());
  }

  void chatClientCall() {
    System.out.println("### chatClientCall");
    ChatClient client = ChatClient.create(openAi("input=2600; output=360"));
    print(client.prompt().user("Name a city").call().chatResponse());
  }

  /** An OpenAI chat model whose requests all carry this behaviour header. */
  private ChatModel openAi(String behaviour) {
    return OpenAiChatModel.builder()
        .options(OpenAiChatOptions.builder()
            .baseUrl(baseUrl + "/v1")
            .apiKey("sk-test-spring-ai")
            .model("gpt-4o-mini")
            .maxRetries(0)
            .customHeaders(Map.of(BEHAVIOUR, behaviour))
            .build())
        .build();
  }

  /** An Anthropic chat model whose requests carry this behaviour header (a per-request header). */
  private ChatModel anthropic(String behaviour) {
    return AnthropicChatModel.builder()
        .options(AnthropicChatOptions.builder()
            .baseUrl(baseUrl)
            .apiKey("sk-ant-test-spring-ai")
            .model("claude-haiku-4-5")
            .maxTokens(256)
            .maxRetries(0)
            .httpHeaders(Map.of(BEHAVIOUR, behaviour))
            .build())
        .build();
  }

  private static void print(ChatResponse response) {
    System.out.println("text " + response.getResult().getOutput().getText());
    System.out.println("usage " + usage(response));
  }

  /** The text of every chunk, and the usage of the last one (Spring AI's running total). */
  private static void printStream(List<ChatResponse> responses) {
    StringBuilder text = new StringBuilder();
    for (ChatResponse response : Objects.requireNonNull(responses)) {
      for (Generation generation : response.getResults()) {
        String part = generation.getOutput().getText();
        if (part != null) {
          text.append(part);
        }
      }
    }
    System.out.println("chunks " + responses.size());
    System.out.println("text " + text);
    System.out.println("usage " + usage(responses.get(responses.size() - 1)));
  }

  private static String usage(ChatResponse response) {
    Usage usage = response.getMetadata().getUsage();
    return usage.getPromptTokens() + " " + usage.getCompletionTokens() + " " + usage.getTotalTokens();
  }
}
