package dev.llmcost.agent.pricing;

/**
 * USD per one million tokens for each kind of token a call is billed for. Every field is
 * filled in when the table is read, so pricing a call is plain arithmetic.
 */
record Rates(
    double input, double output, double cacheRead, double cacheWrite5m, double cacheWrite1h) {}
