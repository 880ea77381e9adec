package dev.llmcost.agent.provider;

/** Picks the error type to report from an OpenAI-style {@code {"error":{"type":..,"code":..}}}. */
final class OpenAiErrors {
  private OpenAiErrors() {}

  /**
   * The code when it is a name ("rate_limit_exceeded", "insufficient_quota"): it says more than the
   * type, which is sometimes just "tokens" or "requests". Otherwise the type, then a numeric code.
   */
  static String errorType(String type, String code) {
    if (code != null && !code.isEmpty() && !isNumber(code)) {
      return code;
    }
    if (type != null && !type.isEmpty()) {
      return type;
    }
    return code;
  }

  private static boolean isNumber(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!Character.isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
