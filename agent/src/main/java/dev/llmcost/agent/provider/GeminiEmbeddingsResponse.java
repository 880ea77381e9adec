package dev.llmcost.agent.provider;

import dev.llmcost.agent.usage.Usage;

/**
 * Reads Gemini {@code embedContent} and {@code batchEmbedContents} answers. The Gemini API
 * reports no tokens for embeddings (the call is then estimated from its texts); newer answers
 * may carry {@code usageMetadata.promptTokenCount}, which is used when present. The vectors are
 * skipped without being decoded.
 */
final class GeminiEmbeddingsResponse extends ResponseReader {
  private static final JsonPaths PATHS =
      JsonPaths.of("usageMetadata.promptTokenCount", "error.status", "error.code");

  private long promptTokens = -1;
  private String errorStatus;
  private String errorCode;

  GeminiEmbeddingsResponse() {
    super(PATHS);
  }

  @Override
  public void onValue(String path, JsonScanner.Value value) {
    if (value.isNull()) {
      return;
    }
    switch (path) {
      case "usageMetadata.promptTokenCount" -> {
        promptTokens = count(value);
        usageChanged();
      }
      case "error.status" -> errorStatus = value.text();
      case "error.code" -> errorCode = value.text();
      default -> { }
    }
  }

  @Override
  public void onContainerEnd(String path, boolean array) {
    if ("error".equals(path)) {
      setErrorType(errorStatus != null ? errorStatus : errorCode);
    }
  }

  @Override
  Usage currentUsage() {
    return promptTokens < 0 ? null : new Usage(promptTokens, 0, 0, 0, 0, 0, false);
  }
}
