package dev.llmcost.agent.provider;

import dev.llmcost.agent.usage.Usage;

/**
 * Reads one line of a batch results file. OpenAI output files hold
 * {@code {"custom_id":..,"response":{"status_code":200,"body":{<chat completion, response or
 * embeddings>}},"error":null}}; Anthropic results hold
 * {@code {"custom_id":..,"result":{"type":"succeeded","message":{<message>}}}}.
 */
final class BatchResultLine implements JsonScanner.Listener {
  private static final String OPENAI_BODY = "response.body.";
  private static final String OPENAI_USAGE = "response.body.usage.";
  private static final String ANTHROPIC_USAGE = "result.message.usage.";
  static final JsonPaths PATHS = JsonPaths.of(
      "response.status_code", OPENAI_BODY + "model",
      OPENAI_USAGE + "prompt_tokens", OPENAI_USAGE + "completion_tokens",
      OPENAI_USAGE + "prompt_tokens_details.cached_tokens",
      OPENAI_USAGE + "completion_tokens_details.reasoning_tokens",
      OPENAI_USAGE + "input_tokens", OPENAI_USAGE + "output_tokens",
      OPENAI_USAGE + "input_tokens_details.cached_tokens",
      OPENAI_USAGE + "output_tokens_details.reasoning_tokens",
      "result.type", "result.message.model",
      ANTHROPIC_USAGE + "input_tokens", ANTHROPIC_USAGE + "output_tokens",
      ANTHROPIC_USAGE + "cache_read_input_tokens", ANTHROPIC_USAGE + "cache_creation_input_tokens",
      ANTHROPIC_USAGE + "cache_creation.ephemeral_5m_input_tokens",
      ANTHROPIC_USAGE + "cache_creation.ephemeral_1h_input_tokens");

  private final boolean anthropic;
  private String model;
  private long status = -1;
  private String resultType;
  private long input = -1;
  private long output = -1;
  private long cacheRead = -1;
  private long cacheCreation = -1;
  private long write5m = -1;
  private long write1h = -1;
  private long reasoning = -1;

  BatchResultLine(boolean anthropic) {
    this.anthropic = anthropic;
  }

  @Override
  public void onValue(String path, JsonScanner.Value value) {
    if (value.isNull()) {
      return;
    }
    switch (path) {
      case "response.status_code" -> status = value.asLong(-1);
      case "result.type" -> resultType = value.text();
      case "response.body.model", "result.message.model" -> model = value.name();
      case OPENAI_USAGE + "prompt_tokens", OPENAI_USAGE + "input_tokens",
          ANTHROPIC_USAGE + "input_tokens" -> input = ResponseReader.count(value);
      case OPENAI_USAGE + "completion_tokens", OPENAI_USAGE + "output_tokens",
          ANTHROPIC_USAGE + "output_tokens" -> output = ResponseReader.count(value);
      case OPENAI_USAGE + "prompt_tokens_details.cached_tokens",
          OPENAI_USAGE + "input_tokens_details.cached_tokens",
          ANTHROPIC_USAGE + "cache_read_input_tokens" -> cacheRead = ResponseReader.count(value);
      case OPENAI_USAGE + "completion_tokens_details.reasoning_tokens",
          OPENAI_USAGE + "output_tokens_details.reasoning_tokens" ->
          reasoning = ResponseReader.count(value);
      case ANTHROPIC_USAGE + "cache_creation_input_tokens" ->
          cacheCreation = ResponseReader.count(value);
      case ANTHROPIC_USAGE + "cache_creation.ephemeral_5m_input_tokens" ->
          write5m = ResponseReader.count(value);
      case ANTHROPIC_USAGE + "cache_creation.ephemeral_1h_input_tokens" ->
          write1h = ResponseReader.count(value);
      default -> { }
    }
  }

  /** Adds this line to the file's totals; a line that is not a batch result adds nothing. */
  void addTo(BatchResults results) {
    boolean isResult = anthropic ? resultType != null : status >= 0;
    if (!isResult) {
      return;
    }
    boolean succeeded = anthropic ? "succeeded".equals(resultType) : status >= 200 && status < 300;
    if (!succeeded || (input < 0 && output < 0)) {
      results.addNotBilled();
      return;
    }
    long reads = ResponseReader.orZero(cacheRead);
    if (!anthropic) {
      results.addBilled(model, new Usage(ResponseReader.orZero(input),
          ResponseReader.orZero(output), reads, 0, 0, ResponseReader.orZero(reasoning), false));
      return;
    }
    // As in AnthropicResponse: input_tokens leaves cache tokens out; no TTL split means 5 minutes.
    boolean split = write5m >= 0 || write1h >= 0;
    long writes = cacheCreation >= 0 ? cacheCreation
        : ResponseReader.orZero(write5m) + ResponseReader.orZero(write1h);
    long w5m = split ? ResponseReader.orZero(write5m) : writes;
    long w1h = split ? ResponseReader.orZero(write1h) : 0;
    results.addBilled(model, new Usage(ResponseReader.orZero(input) + reads + writes,
        ResponseReader.orZero(output), reads, w5m, w1h, 0, false));
  }
}
