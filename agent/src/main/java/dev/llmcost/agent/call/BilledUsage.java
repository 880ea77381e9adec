package dev.llmcost.agent.call;

import dev.llmcost.agent.provider.PromptTokens;
import dev.llmcost.agent.provider.ResponseInfo;
import dev.llmcost.agent.usage.TokenEstimator;
import dev.llmcost.agent.usage.Usage;
import java.util.Objects;

/**
 * Decides what a settled call was billed for: the provider's own figures when it reported them
 * for the whole call, otherwise an estimate with the model family's tokenizer, flagged as such.
 * A call settles on whichever thread ends it, often the application's: until the tokenizer's
 * vocabulary is in memory (it is then read in the background), the estimate goes by length.
 */
final class BilledUsage {
  private BilledUsage() {}

  static Usage resolve(CallRecord call) {
    ResponseInfo response = call.response();
    Usage reported = response != null ? response.usage : null;
    if (call.statusCode() >= 400) {
      return reported; // providers do not bill rejected requests
    }
    if (call.statusCode() == 0 && neverReachedTheProvider(call.error())) {
      return null; // no connection, no request: nothing to bill
    }
    boolean cutShort = response == null || !response.complete;
    if (reported != null && (!cutShort || !call.streamed())) {
      return reported;
    }
    String model = call.model();
    String prompt = call.request().promptText();
    String output = response != null ? response.outputText.toString() : "";
    if (reported == null && (prompt == null || prompt.isEmpty()) && output.isEmpty()
        && call.request().layout().messages() == 0) {
      return null;
    }
    long input = reported != null && reported.inputTokens() > 0
        ? reported.inputTokens() : promptTokens(call, model, prompt);
    long outputTokens = Math.max(reported != null ? reported.outputTokens() : 0,
        count(model, output));
    if (reported != null) {
      return new Usage(input, outputTokens, reported.cacheReadTokens(), reported.cacheWrite5mTokens(),
          reported.cacheWrite1hTokens(), reported.reasoningTokens(), true);
    }
    return new Usage(input, outputTokens, 0, 0, 0, 0, true);
  }

  /** Counted ahead while the answer was awaited (see {@code CallTracker}), else now. */
  private static long promptTokens(CallRecord call, String model, String prompt) {
    PromptTokens ahead = call.request().promptTokens();
    if (ahead != null && ahead.count() >= 0 && Objects.equals(model, call.request().model())) {
      return ahead.count();
    }
    return TokenEstimator.countPromptWithoutWaiting(model, prompt, call.request().layout());
  }

  /** A failure to connect at all (refused, unknown host, no route, connect timeout). */
  static boolean neverReachedTheProvider(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException
          || t instanceof java.net.NoRouteToHostException
          || t instanceof java.net.http.HttpConnectTimeoutException) {
        return true;
      }
    }
    return false;
  }

  private static long count(String model, String text) {
    return TokenEstimator.countWithoutWaiting(model, text);
  }
}
