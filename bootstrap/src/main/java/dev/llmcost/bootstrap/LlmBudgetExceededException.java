package dev.llmcost.bootstrap;

/** A new LLM call refused because the spend reached a hard budget ({@code llmcost.budget.hard_usd}). */
public final class LlmBudgetExceededException extends LlmGuardException {
  private static final long serialVersionUID = 1L;

  public LlmBudgetExceededException(String limit, String message) {
    super(limit, message);
  }
}
