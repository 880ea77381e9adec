package dev.llmcost.agent.provider;

import dev.llmcost.agent.usage.Usage;

/**
 * Reads Responses API results: a {@code response} object, or a stream of typed events
 * ({@code response.created}, {@code response.output_text.delta}, ...) that ends with
 * {@code response.completed}, {@code response.incomplete} or {@code response.failed}, each
 * carrying the final response with its usage. There is no {@code [DONE]}.
 */
final class OpenAiResponsesResponse extends ResponseReader {
  private static final String[] RESPONSE_FIELDS = {
    "id", "model", "status", "service_tier", "incomplete_details.reason", "error.code", "error.type",
    "usage.input_tokens", "usage.input_tokens_details.cached_tokens",
    "usage.output_tokens", "usage.output_tokens_details.reasoning_tokens"
  };
  private static final JsonPaths BODY_PATHS = JsonPaths.of(RESPONSE_FIELDS);
  // A whole response's text is read only for content capture.
  private static final String OUTPUT_TEXT = "output[].content[].text";
  private static final JsonPaths BODY_TEXT_PATHS = JsonPaths.of(OpenAiChatResponse.concat(
      RESPONSE_FIELDS, new String[] {OUTPUT_TEXT}));
  private static final JsonPaths STREAM_PATHS = streamPaths();

  private final boolean sse;
  private long inputTokens = -1;
  private long cachedTokens = -1;
  private long outputTokens = -1;
  private long reasoningTokens = -1;

  // Per document (the body, or one event): acted on once the document is read.
  private String type;
  private String status;
  private String incompleteReason;
  private String errorCode;
  private String errorType;
  private String pendingDelta;

  OpenAiResponsesResponse(boolean sse, boolean keepText) {
    super(sse ? STREAM_PATHS : keepText ? BODY_TEXT_PATHS : BODY_PATHS, keepText);
    this.sse = sse;
  }

  private static JsonPaths streamPaths() {
    String[] paths = new String[RESPONSE_FIELDS.length + 4];
    for (int i = 0; i < RESPONSE_FIELDS.length; i++) {
      paths[i] = "response." + RESPONSE_FIELDS[i];
    }
    int i = RESPONSE_FIELDS.length;
    paths[i++] = "type";
    paths[i++] = "delta";
    paths[i++] = "code"; // the "error" event carries code and message at its top level
    paths[i] = "error.code";
    return JsonPaths.of(paths);
  }

  @Override
  void startEvent(String eventName) {
    type = eventName;
    status = incompleteReason = errorCode = errorType = pendingDelta = null;
  }

  @Override
  public void onValue(String path, JsonScanner.Value value) {
    if (value.isNull()) {
      return;
    }
    String field = sse && path.startsWith("response.") ? path.substring("response.".length()) : path;
    switch (field) {
      case "type" -> type = value.text();
      case "delta" -> onDelta(value);
      case OUTPUT_TEXT -> info.appendOutput(value.chars());
      case "code", "error.code" -> errorCode = value.text();
      case "error.type" -> errorType = value.text();
      case "id" -> info.id = value.text();
      case "model" -> info.model = value.name();
      case "status" -> status = value.text();
      case "service_tier" -> info.serviceTier = value.text();
      case "incomplete_details.reason" -> incompleteReason = value.text();
      case "usage.input_tokens" -> inputTokens = counted(value);
      case "usage.input_tokens_details.cached_tokens" -> cachedTokens = counted(value);
      case "usage.output_tokens" -> outputTokens = counted(value);
      case "usage.output_tokens_details.reasoning_tokens" -> reasoningTokens = counted(value);
      default -> { }
    }
  }

  private void onDelta(JsonScanner.Value value) {
    if (type == null) {
      pendingDelta = value.text(); // "type" normally comes first; keep the text until we know
    } else if (isOutputDelta(type)) {
      info.appendOutput(value.chars());
    }
  }

  /** Output deltas, named by their event: usage arrives with response.completed. */
  @Override
  boolean onlyText(String eventName, byte[] data, int start, int end) {
    return !keepText && eventName != null && isOutputDelta(eventName);
  }

  // Text the model generated and was billed for as output; reasoning summaries are not.
  private static boolean isOutputDelta(String type) {
    return switch (type) {
      case "response.output_text.delta", "response.refusal.delta",
          "response.function_call_arguments.delta" -> true;
      default -> false;
    };
  }

  @Override
  void endEvent(String eventName) {
    if (pendingDelta != null && type != null && isOutputDelta(type)) {
      info.appendOutput(pendingDelta);
    }
    endDocument();
    if (type != null) {
      switch (type) {
        case "response.completed", "response.incomplete", "response.failed" -> info.complete = true;
        default -> { }
      }
    }
  }

  @Override
  void endBody() {
    endDocument();
    super.endBody();
  }

  private void endDocument() {
    if (status != null) {
      switch (status) {
        case "completed" -> info.setFinishReason("stop");
        case "incomplete" -> info.setFinishReason(incompleteReason != null ? incompleteReason : "incomplete");
        case "failed" -> info.setFinishReason("error");
        case "cancelled" -> info.setFinishReason("cancelled");
        default -> { }
      }
    }
    if (errorCode != null || errorType != null) {
      setErrorType(OpenAiErrors.errorType(errorType, errorCode));
    }
  }

  @Override
  Usage currentUsage() {
    if (inputTokens < 0 && outputTokens < 0) {
      return null;
    }
    return new Usage(orZero(inputTokens), orZero(outputTokens), orZero(cachedTokens), 0, 0,
        orZero(reasoningTokens), false);
  }

  private long counted(JsonScanner.Value value) {
    usageChanged();
    return count(value);
  }
}
