package dev.llmcost.agent.telemetry;

import dev.llmcost.agent.call.CallRecord;
import dev.llmcost.agent.call.Outcome;

/**
 * {@code error.type} as the conventions define it: the HTTP status, else the error the provider
 * sent in the body (a stream's error event), else the exception class.
 */
final class ErrorTypes {
  private ErrorTypes() {}

  static String of(CallRecord r) {
    if (r.outcome() != Outcome.FAILED) {
      return null;
    }
    if (r.statusCode() >= 400) {
      return Integer.toString(r.statusCode());
    }
    String providerError = r.response() != null ? r.response().errorType : null;
    if (providerError != null) {
      return providerError;
    }
    return r.error() != null ? r.error().getClass().getName() : "_OTHER";
  }
}
