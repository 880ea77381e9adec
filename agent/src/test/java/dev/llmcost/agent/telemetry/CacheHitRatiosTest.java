package dev.llmcost.agent.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.agent.call.CallRecord;
import dev.llmcost.agent.call.CallSite;
import dev.llmcost.agent.call.CallTags;
import dev.llmcost.agent.call.Outcome;
import dev.llmcost.agent.call.PricedCall;
import dev.llmcost.agent.provider.Api;
import dev.llmcost.agent.provider.Endpoint;
import dev.llmcost.agent.provider.RequestInfo;
import dev.llmcost.agent.usage.Usage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@code llmcost.cache.hit_ratio} gauge: one series per provider, model and call site, bounded. */
class CacheHitRatiosTest {
  private static final AttributeKey<String> SITE = AttributeKey.stringKey("code.function.name");
  private static final AttributeKey<String> MODEL = AttributeKey.stringKey("gen_ai.request.model");

  private final InMemoryMetricReader reader = InMemoryMetricReader.create();
  private final Meters meters = new Meters(
      SdkMeterProvider.builder().registerMetricReader(reader).build().get("test"),
      new MetricTags(Set.of()));

  private static PricedCall call(String model, String site, long input, long cacheRead) {
    CallRecord r = new CallRecord(new Endpoint("openai", Api.OPENAI_CHAT_COMPLETIONS, true),
        "api.openai.com", 443, new RequestInfo(model, false, null, null, null, false, true, null),
        null, 200, null, Outcome.CONSUMED, 0, 1_000_000, -1,
        site == null ? null : new CallSite(site, "Shop.java", 12), null, 0, CallTags.NONE, -1);
    return new PricedCall(r, new Usage(input, 10, cacheRead, 0, 0, 0, false), null, 0, false);
  }

  private List<DoublePointData> points() {
    for (MetricData m : reader.collectAllMetrics()) {
      if (m.getName().equals("llmcost.cache.hit_ratio")) {
        return List.copyOf(m.getDoubleGaugeData().getPoints());
      }
    }
    return List.of();
  }

  @Test
  void eachCallSiteAndModelHasItsOwnShareOfCachedInput() {
    meters.accept(call("gpt-4o", "com.acme.Shop.answer", 1000, 800));
    meters.accept(call("gpt-4o", "com.acme.Shop.answer", 1000, 0));
    meters.accept(call("gpt-4o", "com.acme.Shop.summarise", 500, 0));
    meters.accept(call(null, null, 100, 100));

    Map<String, Double> ratios = new HashMap<>();
    for (DoublePointData p : points()) {
      ratios.put(p.getAttributes().get(MODEL) + " " + p.getAttributes().get(SITE), p.getValue());
    }
    assertEquals(Map.of("gpt-4o com.acme.Shop.answer", 0.4, "gpt-4o com.acme.Shop.summarise", 0.0,
        "unknown (unknown)", 1.0), ratios);
  }

  @Test
  void callSitesPastTheBoundShareOneSeries() {
    for (int i = 0; i < CacheHitRatios.MAX_SERIES + 50; i++) {
      meters.accept(call("gpt-4o", "com.acme.Generated.site" + i, 100, 50));
    }
    List<DoublePointData> points = points();
    assertEquals(CacheHitRatios.MAX_SERIES + 1, points.size());
    assertTrue(points.stream().anyMatch(p -> "(other call sites)".equals(p.getAttributes().get(SITE))));
  }

  @Test
  void endlessModelNamesPastTheBoundShareOneSeries() {
    for (int i = 0; i < CacheHitRatios.MAX_SERIES + CacheHitRatios.MAX_MODELS_PAST_THE_BOUND + 50; i++) {
      meters.accept(call("model-" + i, "com.acme.Shop.answer", 100, 50));
    }
    List<DoublePointData> points = points();
    assertEquals(CacheHitRatios.MAX_SERIES + CacheHitRatios.MAX_MODELS_PAST_THE_BOUND + 1,
        points.size());
    assertTrue(points.stream().anyMatch(p -> "(other models)".equals(p.getAttributes().get(MODEL))));
  }
}
