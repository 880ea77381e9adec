package dev.llmcost.agent.usage;

/**
 * Tokens one call was billed for, normalised to the OpenTelemetry GenAI conventions:
 * {@code inputTokens} INCLUDES cache reads and cache writes (Anthropic's own input_tokens does not,
 * so its codec adds them), and {@code reasoningTokens} is a subset of {@code outputTokens}.
 */
public record Usage(
    long inputTokens,
    long outputTokens,
    long cacheReadTokens,
    long cacheWrite5mTokens,
    long cacheWrite1hTokens,
    long reasoningTokens,
    boolean estimated) {

  public static final Usage NONE = new Usage(0, 0, 0, 0, 0, 0, false);

  public long cacheWriteTokens() {
    return cacheWrite5mTokens + cacheWrite1hTokens;
  }

  /** Input tokens billed at the plain input price. */
  public long uncachedInputTokens() {
    return Math.max(0, inputTokens - cacheReadTokens - cacheWriteTokens());
  }

  public Usage withEstimated(boolean value) {
    return new Usage(inputTokens, outputTokens, cacheReadTokens, cacheWrite5mTokens,
        cacheWrite1hTokens, reasoningTokens, value);
  }
}
