package dev.llmcost.agent.provider;

import dev.llmcost.agent.usage.Usage;

/**
 * Reads embeddings responses. Only the small top-level fields are looked at; {@code data}, with
 * its vectors of thousands of floats per input, is skipped without being decoded.
 */
final class OpenAiEmbeddingsResponse extends ResponseReader {
  private static final JsonPaths PATHS = JsonPaths.of(
      "id", "model", "usage.prompt_tokens", "usage.total_tokens", "error.type", "error.code");

  private long promptTokens = -1;
  private long totalTokens = -1;
  private String errorType;
  private String errorCode;

  OpenAiEmbeddingsResponse() {
    super(PATHS);
  }

  @Override
  public void onValue(String path, JsonScanner.Value value) {
    if (value.isNull()) {
      return;
    }
    switch (path) {
      case "id" -> info.id = value.text();
      case "model" -> info.model = value.name();
      case "usage.prompt_tokens" -> {
        promptTokens = count(value);
        usageChanged();
      }
      case "usage.total_tokens" -> {
        totalTokens = count(value);
        usageChanged();
      }
      case "error.type" -> errorType = value.text();
      case "error.code" -> errorCode = value.text();
      default -> { }
    }
  }

  @Override
  public void onContainerEnd(String path, boolean array) {
    if ("error".equals(path)) {
      setErrorType(OpenAiErrors.errorType(errorType, errorCode));
    }
  }

  @Override
  Usage currentUsage() {
    // Embeddings produce no output tokens; some compatible servers only send total_tokens.
    long input = promptTokens >= 0 ? promptTokens : totalTokens;
    return input < 0 ? null : new Usage(input, 0, 0, 0, 0, 0, false);
  }
}
