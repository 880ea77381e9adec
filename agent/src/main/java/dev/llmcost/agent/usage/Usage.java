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

  /** A provider's (or a corrupt body's) negative or overflowing figure is never passed on. */
  public Usage {
    inputTokens = Math.max(0, inputTokens);
    outputTokens = Math.max(0, outputTokens);
    cacheReadTokens = Math.max(0, cacheReadTokens);
    cacheWrite5mTokens = Math.max(0, cacheWrite5mTokens);
    cacheWrite1hTokens = Math.max(0, cacheWrite1hTokens);
    reasoningTokens = Math.max(0, reasoningTokens);
  }

  /** Adds token counts without wrapping past {@code Long.MAX_VALUE}. */
  public static long plus(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }

  public long cacheWriteTokens() {
    return plus(cacheWrite5mTokens, cacheWrite1hTokens);
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
