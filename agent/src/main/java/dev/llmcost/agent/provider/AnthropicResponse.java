package dev.llmcost.agent.provider;

import dev.llmcost.agent.usage.Usage;

/**
 * Reads Anthropic Messages results: a {@code message} object, or the event stream
 * {@code message_start} (input and cache counts, a first output count), content block events,
 * {@code message_delta} (stop reason and the CUMULATIVE output count), {@code message_stop}.
 *
 * <p>Anthropic's {@code input_tokens} leaves out cached tokens; the usage reported here adds cache
 * reads and writes back in, as the GenAI conventions define input tokens.
 */
final class AnthropicResponse extends ResponseReader {
  private static final String[] USAGE = {
    "usage.input_tokens", "usage.output_tokens", "usage.cache_read_input_tokens",
    "usage.cache_creation_input_tokens", "usage.cache_creation.ephemeral_5m_input_tokens",
    "usage.cache_creation.ephemeral_1h_input_tokens", "usage.service_tier"
  };
  private static final JsonPaths PATHS = wantedPaths();
  // A whole message's text is read only for content capture.
  private static final JsonPaths TEXT_PATHS = withBodyText();

  private long inputTokens = -1;
  private long outputTokens = -1;
  private long cacheReadTokens = -1;
  private long cacheCreationTokens = -1;
  private long cacheWrite5mTokens = -1;
  private long cacheWrite1hTokens = -1;
  private String type;

  AnthropicResponse(boolean keepText) {
    super(keepText ? TEXT_PATHS : PATHS, keepText);
  }

  /** Deltas of a content block: text, tool input JSON or thinking; usage comes in other events. */
  @Override
  boolean onlyText(String eventName, byte[] data, int start, int end) {
    return !keepText && "content_block_delta".equals(eventName);
  }

  private static JsonPaths withBodyText() {
    String[] base = wantedPathList();
    String[] all = java.util.Arrays.copyOf(base, base.length + 1);
    all[base.length] = "content[].text";
    return JsonPaths.of(all);
  }

  private static JsonPaths wantedPaths() {
    return JsonPaths.of(wantedPathList());
  }

  private static String[] wantedPathList() {
    String[] message = {"id", "model", "stop_reason", "error.type"};
    String[] stream = {"type", "delta.text", "delta.partial_json", "delta.thinking", "delta.stop_reason"};
    String[] all = new String[2 * (message.length + USAGE.length) + stream.length];
    int i = 0;
    for (String[] group : new String[][] {message, USAGE}) {
      for (String path : group) {
        all[i++] = path;
        all[i++] = "message." + path; // message_start wraps the message object
      }
    }
    for (String path : stream) {
      all[i++] = path;
    }
    return all;
  }

  @Override
  void startEvent(String eventName) {
    type = eventName;
  }

  @Override
  public void onValue(String path, JsonScanner.Value value) {
    if (value.isNull()) {
      return;
    }
    String field = path.startsWith("message.") ? path.substring("message.".length()) : path;
    switch (field) {
      case "type" -> type = value.text();
      case "id" -> info.id = value.text();
      case "model" -> info.model = value.name();
      case "stop_reason", "delta.stop_reason" -> info.setFinishReason(value.text());
      case "error.type" -> setErrorType(value.text());
      case "delta.text", "delta.partial_json", "delta.thinking", "content[].text" ->
          info.appendOutput(value.chars());
      case "usage.input_tokens" -> inputTokens = counted(value);
      case "usage.output_tokens" -> outputTokens = counted(value);
      case "usage.cache_read_input_tokens" -> cacheReadTokens = counted(value);
      case "usage.cache_creation_input_tokens" -> cacheCreationTokens = counted(value);
      case "usage.cache_creation.ephemeral_5m_input_tokens" -> cacheWrite5mTokens = counted(value);
      case "usage.cache_creation.ephemeral_1h_input_tokens" -> cacheWrite1hTokens = counted(value);
      case "usage.service_tier" -> info.serviceTier = value.text();
      default -> { }
    }
  }

  @Override
  void endEvent(String eventName) {
    if ("message_stop".equals(type)) {
      info.complete = true;
    }
  }

  @Override
  Usage currentUsage() {
    if (inputTokens < 0 && outputTokens < 0) {
      return null;
    }
    long split5m = orZero(cacheWrite5mTokens);
    long split1h = orZero(cacheWrite1hTokens);
    boolean hasSplit = cacheWrite5mTokens >= 0 || cacheWrite1hTokens >= 0;
    long cacheWrites = cacheCreationTokens >= 0 ? cacheCreationTokens : Usage.plus(split5m, split1h);
    if (!hasSplit) {
      split5m = cacheWrites; // no per-TTL breakdown: the default 5-minute cache
    }
    long cacheReads = orZero(cacheReadTokens);
    return new Usage(Usage.plus(Usage.plus(orZero(inputTokens), cacheReads), cacheWrites), orZero(outputTokens),
        cacheReads, split5m, split1h, 0, false);
  }

  private long counted(JsonScanner.Value value) {
    usageChanged();
    return count(value);
  }
}
