package dev.llmcost.agent.provider;

import dev.llmcost.agent.usage.Usage;

/**
 * Reads Gemini {@code generateContent} results: one JSON object, or for
 * {@code streamGenerateContent} SSE events ({@code alt=sse}) or a JSON array of the same chunks.
 * Every chunk may carry {@code usageMetadata}; the last one wins.
 *
 * <p>{@code promptTokenCount} already includes cached tokens. Thinking tokens are billed as output,
 * so output = candidates + thoughts and reasoning = thoughts. Tool-use prompt tokens are billed as
 * input and added to it.
 */
final class GeminiResponse extends ResponseReader {
  private static final String[] FIELDS = {
    "responseId", "modelVersion", "candidates[].finishReason",
    "usageMetadata.promptTokenCount", "usageMetadata.candidatesTokenCount",
    "usageMetadata.cachedContentTokenCount", "usageMetadata.thoughtsTokenCount",
    "usageMetadata.toolUsePromptTokenCount", "error.status", "error.code"
  };
  private static final String STREAMED_TEXT = "candidates[].content.parts[].text";
  private static final String ARRAY_ELEMENT = "[].";
  private static final JsonPaths BODY_PATHS = wantedPaths(false);
  private static final JsonPaths STREAM_PATHS = wantedPaths(true);

  private long promptTokens = -1;
  private long candidatesTokens = -1;
  private long cachedTokens = -1;
  private long thoughtsTokens = -1;
  private long toolUsePromptTokens = -1;
  private boolean finished;
  private String errorStatus;
  private String errorCode;

  GeminiResponse(boolean stream) {
    super(stream ? STREAM_PATHS : BODY_PATHS);
  }

  // Each field also under "[]." for the JSON-array form of streamGenerateContent.
  private static JsonPaths wantedPaths(boolean stream) {
    int count = FIELDS.length + (stream ? 1 : 0);
    String[] all = new String[2 * count];
    for (int i = 0; i < count; i++) {
      String field = i < FIELDS.length ? FIELDS[i] : STREAMED_TEXT;
      all[2 * i] = field;
      all[2 * i + 1] = ARRAY_ELEMENT + field;
    }
    return JsonPaths.of(all);
  }

  @Override
  public void onValue(String path, JsonScanner.Value value) {
    if (value.isNull()) {
      return;
    }
    String field = path.startsWith(ARRAY_ELEMENT) ? path.substring(ARRAY_ELEMENT.length()) : path;
    switch (field) {
      case "responseId" -> info.id = value.text();
      case "modelVersion" -> info.model = value.name();
      case "candidates[].finishReason" -> {
        info.addFinishReason(value.text());
        finished = true;
      }
      case "usageMetadata.promptTokenCount" -> promptTokens = counted(value);
      case "usageMetadata.candidatesTokenCount" -> candidatesTokens = counted(value);
      case "usageMetadata.cachedContentTokenCount" -> cachedTokens = counted(value);
      case "usageMetadata.thoughtsTokenCount" -> thoughtsTokens = counted(value);
      case "usageMetadata.toolUsePromptTokenCount" -> toolUsePromptTokens = counted(value);
      case "error.status" -> errorStatus = value.text();
      case "error.code" -> errorCode = value.text();
      case STREAMED_TEXT -> info.appendOutput(value.chars());
      default -> { }
    }
  }

  @Override
  public void onContainerStart(String path, boolean array) {
    if (path.endsWith("usageMetadata")) {
      promptTokens = candidatesTokens = cachedTokens = thoughtsTokens = toolUsePromptTokens = -1;
    }
  }

  @Override
  public void onContainerEnd(String path, boolean array) {
    if (path.endsWith("error")) {
      // "RESOURCE_EXHAUSTED" says more than 429.
      setErrorType(errorStatus != null ? errorStatus : errorCode);
    }
  }

  @Override
  void endEvent(String eventName) {
    // SSE has no end marker; the chunk with a finish reason is the last one.
    if (finished) {
      info.complete = true;
    }
  }

  @Override
  Usage currentUsage() {
    if (promptTokens < 0 && candidatesTokens < 0) {
      return null;
    }
    long thoughts = orZero(thoughtsTokens);
    return new Usage(orZero(promptTokens) + orZero(toolUsePromptTokens),
        orZero(candidatesTokens) + thoughts, orZero(cachedTokens), 0, 0, thoughts, false);
  }

  private long counted(JsonScanner.Value value) {
    usageChanged();
    return count(value);
  }
}
