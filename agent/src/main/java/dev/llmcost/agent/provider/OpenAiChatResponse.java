package dev.llmcost.agent.provider;

import dev.llmcost.agent.usage.Usage;

/**
 * Reads Chat Completions and legacy Completions responses: one JSON object, or a stream of
 * {@code chat.completion.chunk} / {@code text_completion} frames ending with {@code [DONE]}, where
 * usage arrives (with {@code stream_options.include_usage}) in one last chunk with empty choices.
 * Groq also puts a stream's usage, without being asked, under {@code x_groq.usage} in its last chunk.
 */
final class OpenAiChatResponse extends ResponseReader {
  private static final String[] COMMON = {
    "id", "model", "service_tier", "choices[].finish_reason",
    "usage.prompt_tokens", "usage.completion_tokens",
    "usage.prompt_tokens_details.cached_tokens", "usage.completion_tokens_details.reasoning_tokens",
    "usage.prompt_cache_hit_tokens", "error.type", "error.code",
    "x_groq.usage.prompt_tokens", "x_groq.usage.completion_tokens"
  };
  // Streamed text is kept for token estimation when no usage chunk comes; whole bodies carry usage.
  private static final String[] STREAMED_TEXT = {
    "choices[].delta.content", "choices[].delta.refusal", "choices[].delta.reasoning_content",
    "choices[].delta.tool_calls[].function.arguments", "choices[].text"
  };
  // A whole body's text is read only for content capture.
  private static final String[] BODY_TEXT = {
    "choices[].message.content", "choices[].message.refusal", "choices[].text"
  };
  private static final JsonPaths BODY_PATHS = JsonPaths.of(COMMON);
  private static final JsonPaths BODY_TEXT_PATHS = JsonPaths.of(concat(COMMON, BODY_TEXT));
  private static final JsonPaths STREAM_PATHS = JsonPaths.of(concat(COMMON, STREAMED_TEXT));
  // A stream chunk with any of these (not null) is read at once; see onlyText.
  private static final String[] NOT_TEXT_ONLY = {
    JsonBytes.key("usage"), JsonBytes.key("finish_reason"), JsonBytes.key("error")
  };

  private long promptTokens = -1;
  private long completionTokens = -1;
  private long cachedTokens = -1;
  private long cacheHitTokens = -1;
  private long reasoningTokens = -1;
  private String errorType;
  private String errorCode;

  OpenAiChatResponse(boolean sse, boolean keepText) {
    super(sse ? STREAM_PATHS : keepText ? BODY_TEXT_PATHS : BODY_PATHS, keepText);
  }

  /** A chunk without usage, finish reason or error (none null) repeats id and model, adds text. */
  @Override
  boolean onlyText(String eventName, byte[] data, int start, int end) {
    return !keepText && !JsonBytes.hasValue(data, start, end, NOT_TEXT_ONLY);
  }

  @Override
  public void onValue(String path, JsonScanner.Value value) {
    if (value.isNull()) {
      return; // stream chunks carry "usage": null and "finish_reason": null until the end
    }
    switch (path) {
      case "id" -> info.id = value.text();
      case "model" -> info.model = value.name();
      case "service_tier" -> info.serviceTier = value.text();
      case "choices[].finish_reason" -> info.addFinishReason(value.text());
      case "usage.prompt_tokens", "x_groq.usage.prompt_tokens" -> promptTokens = counted(value);
      case "usage.completion_tokens", "x_groq.usage.completion_tokens" ->
          completionTokens = counted(value);
      case "usage.prompt_tokens_details.cached_tokens" -> cachedTokens = counted(value);
      case "usage.prompt_cache_hit_tokens" -> cacheHitTokens = counted(value); // DeepSeek
      case "usage.completion_tokens_details.reasoning_tokens" -> reasoningTokens = counted(value);
      case "error.type" -> errorType = value.text();
      case "error.code" -> errorCode = value.text();
      case "choices[].delta.content", "choices[].delta.refusal", "choices[].delta.reasoning_content",
          "choices[].delta.tool_calls[].function.arguments", "choices[].text",
          "choices[].message.content", "choices[].message.refusal" ->
          info.appendOutput(value.chars());
      default -> { }
    }
  }

  @Override
  public void onContainerStart(String path, boolean array) {
    if ("usage".equals(path) || "x_groq.usage".equals(path)) {
      // The last usage block wins; a later one may leave out details an earlier one had.
      promptTokens = completionTokens = cachedTokens = cacheHitTokens = reasoningTokens = -1;
    }
  }

  @Override
  public void onContainerEnd(String path, boolean array) {
    if ("error".equals(path)) {
      setErrorType(OpenAiErrors.errorType(errorType, errorCode));
    }
  }

  @Override
  void onTextEvent(String eventName, String data) {
    if ("[DONE]".equals(data)) {
      info.complete = true;
    }
  }

  @Override
  Usage currentUsage() {
    if (promptTokens < 0 && completionTokens < 0) {
      return null;
    }
    long cached = cachedTokens >= 0 ? cachedTokens : cacheHitTokens;
    return new Usage(orZero(promptTokens), orZero(completionTokens), orZero(cached), 0, 0,
        orZero(reasoningTokens), false);
  }

  private long counted(JsonScanner.Value value) {
    usageChanged();
    return count(value);
  }

  static String[] concat(String[] a, String[] b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
