package dev.llmcost.fake;

/**
 * The token figures a {@link FakeProvider} reports, stated once in GenAI semantic-convention terms
 * so a test can assert the same numbers on the span whatever the provider.
 *
 * <p>{@code inputTokens} is every prompt token, cache reads and cache writes included (as
 * {@code gen_ai.usage.input_tokens} counts them); {@code reasoningTokens} is part of
 * {@code outputTokens}. Each wire format maps these to its own fields:
 * <ul>
 *   <li>OpenAI chat/completions: {@code prompt_tokens = input}, {@code cached_tokens = cacheRead},
 *       {@code completion_tokens = output}, {@code reasoning_tokens = reasoning}; cache writes are not reported.</li>
 *   <li>OpenAI Responses: {@code input_tokens = input}, {@code output_tokens = output}, details likewise.</li>
 *   <li>Anthropic: {@code input_tokens = input - cacheRead - cacheWrite5m - cacheWrite1h} (Anthropic's own
 *       field excludes cache), {@code cache_read_input_tokens = cacheRead},
 *       {@code cache_creation_input_tokens = cacheWrite5m + cacheWrite1h}.</li>
 *   <li>Gemini: {@code promptTokenCount = input}, {@code cachedContentTokenCount = cacheRead},
 *       {@code candidatesTokenCount = output - reasoning}, {@code thoughtsTokenCount = reasoning}.</li>
 * </ul>
 */
public record FakeUsage(
    int inputTokens,
    int outputTokens,
    int cacheReadTokens,
    int cacheWrite5mTokens,
    int cacheWrite1hTokens,
    int reasoningTokens) {

  public FakeUsage {
    if (inputTokens < 0 || outputTokens < 0 || cacheReadTokens < 0 || cacheWrite5mTokens < 0
        || cacheWrite1hTokens < 0 || reasoningTokens < 0) {
      throw new IllegalArgumentException("token counts must be >= 0");
    }
    if (cacheReadTokens + cacheWrite5mTokens + cacheWrite1hTokens > inputTokens) {
      throw new IllegalArgumentException("cache reads and writes are part of inputTokens");
    }
    if (reasoningTokens > outputTokens) {
      throw new IllegalArgumentException("reasoningTokens are part of outputTokens");
    }
  }

  public static FakeUsage of(int inputTokens, int outputTokens) {
    return new FakeUsage(inputTokens, outputTokens, 0, 0, 0, 0);
  }

  public FakeUsage withCacheRead(int tokens) {
    return new FakeUsage(inputTokens, outputTokens, tokens, cacheWrite5mTokens, cacheWrite1hTokens, reasoningTokens);
  }

  /** Cache writes with Anthropic's default 5-minute lifetime. */
  public FakeUsage withCacheWrite(int tokens) {
    return new FakeUsage(inputTokens, outputTokens, cacheReadTokens, tokens, cacheWrite1hTokens, reasoningTokens);
  }

  /** Cache writes with the 1-hour lifetime, which Anthropic prices higher. */
  public FakeUsage withCacheWrite1h(int tokens) {
    return new FakeUsage(inputTokens, outputTokens, cacheReadTokens, cacheWrite5mTokens, tokens, reasoningTokens);
  }

  public FakeUsage withReasoning(int tokens) {
    return new FakeUsage(inputTokens, outputTokens, cacheReadTokens, cacheWrite5mTokens, cacheWrite1hTokens, tokens);
  }

  public int cacheWriteTokens() {
    return cacheWrite5mTokens + cacheWrite1hTokens;
  }

  /** Anthropic's {@code input_tokens}: the part of the prompt neither read from nor written to the cache. */
  public int uncachedInputTokens() {
    return inputTokens - cacheReadTokens - cacheWriteTokens();
  }

  public int totalTokens() {
    return inputTokens + outputTokens;
  }
}
