package dev.llmcost.agent.telemetry;

import static dev.llmcost.agent.telemetry.GenAiAttributes.CODE_FUNCTION;
import static dev.llmcost.agent.telemetry.GenAiAttributes.PROVIDER;

import dev.llmcost.agent.call.PricedCall;
import dev.llmcost.agent.usage.Usage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.ObservableDoubleMeasurement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The share of input tokens served from the provider's prompt cache since the start, per
 * provider, model and call site: what the {@code llmcost.cache.hit_ratio} gauge reports.
 * Bounded, so endless distinct call sites cannot grow it without limit.
 */
final class CacheHitRatios {
  static final int MAX_SERIES = 1000;
  private static final AttributeKey<String> MODEL = AttributeKey.stringKey("gen_ai.request.model");
  private static final String OTHER_SITES = "(other call sites)";

  /** input tokens, cache-read tokens. */
  private final Map<Attributes, long[]> series = new ConcurrentHashMap<>();

  void add(PricedCall call) {
    Usage u = call.usage();
    if (u == null || u.inputTokens() <= 0) {
      return;
    }
    String model = call.billedModel();
    String site = call.record().callSite() == null ? "(unknown)"
        : call.record().callSite().function();
    Attributes key = key(call.record().endpoint().provider(), model, site);
    if (!series.containsKey(key) && series.size() >= MAX_SERIES) {
      key = key(call.record().endpoint().provider(), model, OTHER_SITES);
    }
    long[] counts = series.computeIfAbsent(key, k -> new long[2]);
    synchronized (counts) {
      counts[0] += u.inputTokens();
      counts[1] += u.cacheReadTokens();
    }
  }

  void observe(ObservableDoubleMeasurement m) {
    series.forEach((attributes, counts) -> {
      synchronized (counts) {
        m.record(counts[0] == 0 ? 0 : (double) counts[1] / counts[0], attributes);
      }
    });
  }

  private static Attributes key(String provider, String model, String site) {
    return Attributes.of(PROVIDER, provider, MODEL, model == null ? "unknown" : model,
        CODE_FUNCTION, site);
  }
}
