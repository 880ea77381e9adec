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
 * Bounded, so endless distinct call sites or model names cannot grow it without limit.
 */
final class CacheHitRatios {
  static final int MAX_SERIES = 1000;
  /** Models that still get a series of their own once sites are folded. */
  static final int MAX_MODELS_PAST_THE_BOUND = 100;
  private static final AttributeKey<String> MODEL = AttributeKey.stringKey("gen_ai.request.model");
  private static final String OTHER_SITES = "(other call sites)";
  private static final String OTHER_MODELS = "(other models)";

  /**
   * Looked up on every call by its three strings (their hashes are cached), so the attribute set
   * is built once per series, not per call.
   */
  private record Series(String provider, String model, String site) {}

  /** A series' attributes and its input and cache-read tokens so far. */
  private static final class Counts {
    final Attributes attributes;
    long inputTokens;
    long cacheReadTokens;

    Counts(Series s) {
      attributes = Attributes.of(PROVIDER, s.provider(), MODEL, s.model(), CODE_FUNCTION, s.site());
    }
  }

  private final Map<Series, Counts> series = new ConcurrentHashMap<>();

  void add(PricedCall call) {
    Usage u = call.usage();
    if (u == null || u.inputTokens() <= 0) {
      return;
    }
    String model = call.billedModel();
    String site = call.record().callSite() == null ? "(unknown)"
        : call.record().callSite().function();
    Series key = new Series(call.record().endpoint().provider(), model == null ? "unknown" : model,
        site);
    Counts counts = series.get(key);
    if (counts == null) {
      if (series.size() >= MAX_SERIES) {
        key = new Series(key.provider(), key.model(), OTHER_SITES);
        if (series.size() >= MAX_SERIES + MAX_MODELS_PAST_THE_BOUND && !series.containsKey(key)) {
          key = new Series(key.provider(), OTHER_MODELS, OTHER_SITES); // endless model names
        }
      }
      counts = series.computeIfAbsent(key, Counts::new);
    }
    synchronized (counts) {
      counts.inputTokens += u.inputTokens();
      counts.cacheReadTokens += u.cacheReadTokens();
    }
  }

  void observe(ObservableDoubleMeasurement m) {
    series.forEach((key, counts) -> {
      synchronized (counts) {
        m.record(counts.inputTokens == 0 ? 0 : (double) counts.cacheReadTokens / counts.inputTokens,
            counts.attributes);
      }
    });
  }
}
