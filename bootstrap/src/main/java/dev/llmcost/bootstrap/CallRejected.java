package dev.llmcost.bootstrap;

/**
 * Returned by a start hook instead of a call token when a guard rail refused the call: advice
 * skips the client's method and hands the application {@link #reason()} instead.
 */
public final class CallRejected {
  private final LlmGuardException reason;

  public CallRejected(LlmGuardException reason) {
    this.reason = reason;
  }

  public LlmGuardException reason() {
    return reason;
  }
}
