package dev.llmcost.bootstrap;

/** An LLM call that waited for a concurrency permit ({@code llmcost.guard.max_concurrent}) too long. */
public final class LlmConcurrencyLimitException extends LlmGuardException {
  private static final long serialVersionUID = 1L;

  public LlmConcurrencyLimitException(String limit, String message) {
    super(limit, message);
  }
}
