package dev.llmcost.agent.pricing;

import java.util.Map;

/**
 * A price table as read from one JSON file.
 *
 * @param origin how costs priced from it name it: {@code bundled <date>} or {@code file <path>}
 * @param models entries keyed {@code provider/model}, lower case
 * @param aliases extra model ids ({@code provider/alias}) mapped to an entry key
 * @param providerFallbacks provider whose prices another provider reuses, e.g. azure → openai
 */
record PriceTable(
    String origin,
    Map<String, ModelPrice> models,
    Map<String, String> aliases,
    Map<String, String> providerFallbacks) {}
