package dev.llmcost.agent.pricing;

/** A price table that cannot be used, with the file and line a person should look at. */
final class PriceTableException extends Exception {
  private static final long serialVersionUID = 1L;

  PriceTableException(String file, int line, String reason) {
    super(file + (line > 0 ? ":" + line : "") + ": " + reason);
  }
}
