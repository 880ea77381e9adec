package dev.llmcost.bootstrap;

import java.io.IOException;

/**
 * An LLM call the agent's guard rails refused before any byte was sent: an {@code IOException},
 * so it reaches the application through the HTTP client's ordinary failure path.
 */
public class LlmGuardException extends IOException {
  private static final long serialVersionUID = 1L;
  private final String limit;

  public LlmGuardException(String limit, String message) {
    super(message);
    this.limit = limit;
  }

  /** The setting that refused the call, e.g. {@code llmcost.budget.hard_usd}. */
  public String limit() {
    return limit;
  }
}
