/**
 * Tokens to US dollars. {@link dev.llmcost.agent.pricing.PriceBook} prices a call from the table
 * bundled at {@code dev/llmcost/agent/pricing/prices.json}, optionally overridden or extended by
 * {@code -Dllmcost.pricing.file=/path/prices.json} in the same shape:
 *
 * <pre>{@code
 * {
 *   "date": "2026-11-20",
 *   "currency": "USD", "unit": "per 1M tokens",
 *   "provider_fallbacks": {"azure.ai.openai": "openai"},
 *   "models": {
 *     "openai/my-ft-model": {"input": 3.00, "cache_read": 1.50, "output": 12.00},
 *     "anthropic/claude-x": {"input": 3, "cache_write_5m": 3.75, "cache_write_1h": 6,
 *         "cache_read": 0.30, "output": 15, "batch_discount": 0.5, "aliases": ["claude-x-0"],
 *         "long_context": {"above_input_tokens": 200000, "input": 6, "output": 22.50}}
 *   }
 * }
 * }</pre>
 *
 * {@code date} and {@code source} are optional in an override. An override entry replaces the
 * bundled entry of the same key whole. Unknown fields, wrong types and negative prices reject the
 * override file (one log line with file and line); keys starting with "_" are comments.
 */
package dev.llmcost.agent.pricing;
