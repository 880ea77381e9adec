package dev.llmcost.agent.context;

import java.util.Map;

/**
 * The application's span that was current when an LLM call started, and its baggage entries
 * that the agent was asked to copy.
 *
 * @param traceId 32 lowercase hex characters
 * @param spanId 16 lowercase hex characters
 */
public record TraceParent(String traceId, String spanId, byte traceFlags, Map<String, String> baggage) {}
