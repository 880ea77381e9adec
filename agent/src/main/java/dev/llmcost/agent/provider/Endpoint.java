package dev.llmcost.agent.provider;

/**
 * A matched LLM endpoint.
 *
 * @param provider value of {@code gen_ai.provider.name} ("openai", "anthropic", "azure.ai.openai", ...)
 * @param api the wire format spoken there
 * @param knownHost true when the host is a known provider's (or configured); false when only the path
 *     matched, in which case the request body must look like an LLM request before the call counts
 */
public record Endpoint(String provider, Api api, boolean knownHost) {}
