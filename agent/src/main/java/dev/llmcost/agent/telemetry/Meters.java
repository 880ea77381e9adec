package dev.llmcost.agent.telemetry;

import static dev.llmcost.agent.telemetry.GenAiAttributes.*;

import dev.llmcost.agent.call.CallRecord;
import dev.llmcost.agent.call.PricedCall;
import dev.llmcost.agent.usage.Usage;
import dev.llmcost.agent.waste.UpfrontFiring;
import dev.llmcost.bootstrap.InFlightCalls;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleCounter;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/** The GenAI client metrics of the conventions, and the agent's cost, waste and outcome counters. */
public final class Meters implements Consumer<PricedCall> {
  private static final List<Long> TOKEN_BUCKETS = List.of(1L, 4L, 16L, 64L, 256L, 1024L, 4096L,
      16384L, 65536L, 262144L, 1048576L, 4194304L, 16777216L, 67108864L);
  private static final List<Double> SECONDS_BUCKETS = List.of(0.01, 0.02, 0.04, 0.08, 0.16, 0.32,
      0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92);
  private static final AttributeKey<String> MODEL = AttributeKey.stringKey("gen_ai.request.model");

  private final LongHistogram tokens;
  private final DoubleHistogram duration;
  private final DoubleHistogram timeToFirstChunk;
  private final DoubleCounter cost;
  private final DoubleCounter waste;
  private final LongCounter calls;
  private final LongCounter upfrontFiring;
  private final DoubleCounter duplicateCost;
  private final LongCounter retries;
  private final DoubleCounter retriedCost;
  private final DoubleCounter cachingOpportunity;
  private final DoubleCounter batchOpportunity;
  private final CacheHitRatios cacheHitRatios = new CacheHitRatios();
  private final MetricTags metricTags;
  /**
   * Attribute sets by the call fields they come from, built once: a service makes calls of a
   * handful of kinds, and building (sorting) four sets a call showed in profiles. Bounded, since
   * model names come from requests (1024 kinds in all); past the bound sets are built each time.
   */
  private final Map<CommonKey, Dimensions> dimensions = new ConcurrentHashMap<>();
  private final Map<OutcomeKey, Attributes> outcomes = new ConcurrentHashMap<>();
  private static final int MAX_KINDS_EACH = 512;

  private record Dimensions(Attributes common, Attributes input, Attributes output) {}

  private record CommonKey(String operation, String provider, String address, int port,
      String requestModel, String responseModel, String error) {}

  private record OutcomeKey(String provider, String outcome, String model) {}

  public Meters(Meter meter) {
    this(meter, MetricTags.NONE);
  }

  /** @param metricTags the application tags allowed as dimensions of the cost and call counters */
  public Meters(Meter meter, MetricTags metricTags) {
    this.metricTags = metricTags;
    tokens = meter.histogramBuilder("gen_ai.client.token.usage").ofLongs().setUnit("{token}")
        .setDescription("Number of input and output tokens used")
        .setExplicitBucketBoundariesAdvice(TOKEN_BUCKETS).build();
    duration = meter.histogramBuilder("gen_ai.client.operation.duration").setUnit("s")
        .setDescription("GenAI operation duration")
        .setExplicitBucketBoundariesAdvice(SECONDS_BUCKETS).build();
    timeToFirstChunk = meter.histogramBuilder("gen_ai.client.operation.time_to_first_chunk")
        .setUnit("s").setDescription("Time to receive the first chunk of a streamed response")
        .setExplicitBucketBoundariesAdvice(SECONDS_BUCKETS).build();
    cost = meter.counterBuilder("llmcost.cost").ofDoubles().setUnit("{USD}")
        .setDescription("What LLM calls cost, in US dollars").build();
    waste = meter.counterBuilder("llmcost.waste").ofDoubles().setUnit("{USD}")
        .setDescription("Cost of LLM results the application never used").build();
    calls = meter.counterBuilder("llmcost.calls").setUnit("{call}")
        .setDescription("LLM calls by outcome").build();
    upfrontFiring = meter.counterBuilder("llmcost.waste.upfront_firing").setUnit("{burst}")
        .setDescription("Bursts of calls from one call site whose results were mostly never read")
        .build();
    duplicateCost = meter.counterBuilder("llmcost.waste.duplicate").ofDoubles().setUnit("{USD}")
        .setDescription("Cost of requests identical to one answered shortly before").build();
    retries = meter.counterBuilder("llmcost.retries").setUnit("{call}")
        .setDescription("Calls that repeated a request which had failed shortly before").build();
    retriedCost = meter.counterBuilder("llmcost.retries.cost").ofDoubles().setUnit("{USD}")
        .setDescription("Cost of calls that repeated a request which had failed shortly before")
        .build();
    cachingOpportunity = meter.counterBuilder("llmcost.waste.caching_opportunity").ofDoubles()
        .setUnit("{USD}")
        .setDescription("What prompt caching would have saved on resent prompt prefixes")
        .build();
    batchOpportunity = meter.counterBuilder("llmcost.waste.batch_opportunity").ofDoubles()
        .setUnit("{USD}")
        .setDescription("What a Batch API would have saved on calls fired side by side")
        .build();
    meter.gaugeBuilder("llmcost.cache.hit_ratio").setUnit("1")
        .setDescription("Share of input tokens served from the provider's prompt cache")
        .buildWithCallback(cacheHitRatios::observe);
    meter.gaugeBuilder("llmcost.calls.in_flight").ofLongs().setUnit("{call}")
        .setDescription("LLM calls on the wire: started, their answer not yet all received")
        .buildWithCallback(m -> m.record(InFlightCalls.receiving()));
  }

  @Override
  public void accept(PricedCall call) {
    CallRecord r = call.record();
    Dimensions d = dimensions(r);
    Attributes common = d.common();
    Usage usage = call.usage();
    if (usage != null) {
      tokens.record(usage.inputTokens(), d.input());
      tokens.record(usage.outputTokens(), d.output());
    }
    duration.record((r.endEpochNanos() - r.startEpochNanos()) / 1e9, common);
    if (r.streamed() && r.timeToFirstChunkNanos() >= 0) {
      timeToFirstChunk.record(r.timeToFirstChunkNanos() / 1e9, common);
    }
    Attributes byOutcome = byOutcome(r);
    calls.add(1, byOutcome);
    if (call.cost() != null) {
      cost.add(call.cost().totalUsd(), byOutcome);
    }
    if (call.wasteUsd() > 0) {
      waste.add(call.wasteUsd(), byOutcome);
    }
    if (call.duplicate() && call.cost() != null) {
      duplicateCost.add(call.cost().totalUsd(), byOutcome);
    }
    if (call.retry()) {
      retries.add(1, byOutcome);
      retriedCost.add(call.costUsd(), byOutcome);
    }
    if (call.cachingOpportunityUsd() > 0) {
      cachingOpportunity.add(call.cachingOpportunityUsd(), byOutcome);
    }
    if (call.batchOpportunity().usd() > 0) {
      batchOpportunity.add(call.batchOpportunity().usd(), byOutcome);
    }
    cacheHitRatios.add(call);
  }

  public void recordUpfrontFiring(UpfrontFiring detection) {
    upfrontFiring.add(1, Attributes.of(CODE_FUNCTION, detection.site().function()));
  }

  private Dimensions dimensions(CallRecord r) {
    String responseModel = r.response() != null ? r.response().model : null;
    return cached(dimensions, new CommonKey(r.endpoint().api().operation(), r.endpoint().provider(),
        r.serverAddress(), r.serverPort(), r.request().model(), responseModel, ErrorTypes.of(r)),
        key -> {
          Attributes common = common(key);
          // error.type belongs to the duration, not to the token histogram (the conventions)
          Attributes tokens = common.toBuilder().remove(ERROR_TYPE).build();
          return new Dimensions(common, tokens.toBuilder().put(TOKEN_TYPE, "input").build(),
              tokens.toBuilder().put(TOKEN_TYPE, "output").build());
        });
  }

  /** Allow-listed tags make a set of their own each time; without them the set is kept. */
  private Attributes byOutcome(CallRecord r) {
    Map<String, String> tags = metricTags.of(r);
    OutcomeKey key = new OutcomeKey(r.endpoint().provider(), r.outcome().value(),
        r.model() != null ? r.model() : "unknown");
    return tags.isEmpty() ? cached(outcomes, key, k -> outcome(k, Map.of())) : outcome(key, tags);
  }

  private static Attributes outcome(OutcomeKey key, Map<String, String> tags) {
    AttributesBuilder a = Attributes.builder().put(PROVIDER, key.provider())
        .put(OUTCOME, key.outcome()).put(MODEL, key.model());
    tags.forEach((tag, value) -> a.put(TAG_PREFIX + tag, value));
    return a.build();
  }

  private static <K, V> V cached(Map<K, V> cache, K key, Function<K, V> build) {
    V value = cache.get(key);
    if (value == null) {
      value = build.apply(key);
      if (cache.size() < MAX_KINDS_EACH) {
        cache.put(key, value);
      }
    }
    return value;
  }

  private static Attributes common(CommonKey k) {
    AttributesBuilder a = Attributes.builder()
        .put(OPERATION, k.operation())
        .put(PROVIDER, k.provider())
        .put(SERVER_ADDRESS, k.address())
        .put(SERVER_PORT, (long) k.port());
    if (k.requestModel() != null) {
      a.put(REQUEST_MODEL, k.requestModel());
    }
    if (k.responseModel() != null) {
      a.put(RESPONSE_MODEL, k.responseModel());
    }
    if (k.error() != null) {
      a.put(ERROR_TYPE, k.error());
    }
    return a.build();
  }
}
