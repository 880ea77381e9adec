package dev.llmcost.agent.provider;

import dev.llmcost.agent.AgentLog;

/**
 * The OpenAI wire formats: Chat Completions, legacy Completions, Responses and Embeddings. Also
 * spoken by Azure OpenAI, Groq, DeepSeek, Mistral, OpenRouter, vLLM, Ollama, LiteLLM and others.
 */
public final class OpenAiCodec implements ProviderCodec {
  private static final RequestShape CHAT = RequestShape.builder("messages")
      .maxTokens("max_completion_tokens", "max_tokens")
      .text("messages[].content", "messages[].content[].text")
      .messages("messages[]")
      .build();
  private static final RequestShape COMPLETIONS = RequestShape.builder("prompt")
      .maxTokens("max_tokens")
      .text("prompt", "prompt[]")
      .build();
  private static final RequestShape RESPONSES = RequestShape.builder("input")
      .maxTokens("max_output_tokens")
      .text("instructions", "input", "input[].content", "input[].content[].text", "input[].output")
      .messages("input[]")
      .build();
  private static final RequestShape EMBEDDINGS = RequestShape.builder("input")
      .text("input", "input[]")
      .build();
  private static final String DEPLOYMENTS = "/openai/deployments/";

  private final Api api;
  private final RequestShape requestShape;

  /** @throws IllegalArgumentException for an API that is not an OpenAI format */
  public OpenAiCodec(Api api) {
    this.api = api;
    this.requestShape = switch (api) {
      case OPENAI_CHAT_COMPLETIONS -> CHAT;
      case OPENAI_COMPLETIONS -> COMPLETIONS;
      case OPENAI_RESPONSES -> RESPONSES;
      case OPENAI_EMBEDDINGS -> EMBEDDINGS;
      default -> throw new IllegalArgumentException("not an OpenAI API: " + api);
    };
  }

  public Api api() {
    return api;
  }

  @Override
  public RequestInfo readRequest(byte[] body, int length) {
    try {
      return requestShape.read(body, length);
    } catch (Exception e) {
      AgentLog.failure("OpenAI request parsing", e);
      return RequestInfo.UNKNOWN;
    }
  }

  @Override
  public ResponseParser newResponseParser(boolean sse, String contentEncoding, boolean keepText) {
    ResponseReader reader = switch (api) {
      case OPENAI_RESPONSES -> new OpenAiResponsesResponse(sse, keepText);
      case OPENAI_EMBEDDINGS -> new OpenAiEmbeddingsResponse();
      default -> new OpenAiChatResponse(sse, keepText);
    };
    return reader.parser(sse, contentEncoding);
  }

  /**
   * The Azure OpenAI deployment named in a path like
   * {@code /openai/deployments/my-gpt4o/chat/completions}, or null. Azure bodies often carry no
   * model, and the deployment is the best stand-in until the response names the model.
   */
  public static String deploymentFromPath(String path) {
    if (path == null) {
      return null;
    }
    int start = path.indexOf(DEPLOYMENTS);
    if (start < 0) {
      return null;
    }
    start += DEPLOYMENTS.length();
    int end = start;
    while (end < path.length() && path.charAt(end) != '/' && path.charAt(end) != '?') {
      end++;
    }
    return end > start
        ? path.substring(start, Math.min(end, start + JsonScanner.Value.MAX_NAME_CHARS)) : null;
  }
}
