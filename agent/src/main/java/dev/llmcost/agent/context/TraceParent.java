package dev.llmcost.agent.context;

import java.util.Map;

/**
 * The application's span that was current when an LLM call started, and its baggage entries
 * that the agent was asked to copy. Baggage may be current without a span (set through the API
 * alone, or propagated by a server that does not trace): then only the baggage is known.
 *
 * @param traceId 32 lowercase hex characters, or null when no span was current
 * @param spanId 16 lowercase hex characters, or null when no span was current
 */
public record TraceParent(String traceId, String spanId, byte traceFlags, Map<String, String> baggage) {
  /** Baggage entries with no span around them. */
  public static TraceParent baggageOnly(Map<String, String> baggage) {
    return new TraceParent(null, null, (byte) 0, baggage);
  }

  /** Whether a span was current, which the LLM span then belongs under. */
  public boolean hasSpan() {
    return spanId != null;
  }
}
