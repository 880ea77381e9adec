package dev.llmcost.agent.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmcost.agent.call.CallRecord;
import dev.llmcost.agent.call.CallTags;
import dev.llmcost.agent.call.Outcome;
import dev.llmcost.agent.call.PricedCall;
import dev.llmcost.agent.provider.Api;
import dev.llmcost.agent.provider.Endpoint;
import dev.llmcost.agent.provider.RequestInfo;
import dev.llmcost.agent.usage.Usage;
import dev.llmcost.bootstrap.InFlight;
import dev.llmcost.bootstrap.InFlightCalls;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Metric points land on the attribute sets of their own call, however many calls share one. */
class MetersTest {
  private static final AttributeKey<String> MODEL = AttributeKey.stringKey("gen_ai.request.model");
  private static final AttributeKey<String> TOKEN_TYPE = AttributeKey.stringKey("gen_ai.token.type");
  private static final AttributeKey<String> ERROR = AttributeKey.stringKey("error.type");
  private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("llmcost.outcome");

  private static PricedCall call(String model, int status, Outcome outcome, long input, Map<String, String> tags) {
    CallRecord r = new CallRecord(new Endpoint("openai", Api.OPENAI_CHAT_COMPLETIONS, true),
        "api.openai.com", 443, new RequestInfo(model, false, null, null, null, false, true, null),
        null, status, null, outcome, 0, 1_000_000, -1, null, null, 0, new CallTags("main", tags), -1);
    return new PricedCall(r, new Usage(input, 10, 0, 0, 0, 0, false), null, 0, false);
  }

  /** A call answered whose future is not read yet is no longer in flight, though not yet reported. */
  @Test
  void callsInFlightAreThoseStillReceiving() {
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    SdkMeterProvider provider = SdkMeterProvider.builder().registerMetricReader(reader).build();
    new Meters(provider.get("test"), new MetricTags(Set.of()));
    InFlight receiving = inFlight(true);
    InFlight answeredUnread = inFlight(false);
    int before = InFlightCalls.receiving(); // calls other tests may have left (none, normally)
    InFlightCalls.add(receiving);
    InFlightCalls.add(answeredUnread);
    try {
      long gauge = reader.collectAllMetrics().stream()
          .filter(m -> m.getName().equals("llmcost.calls.in_flight"))
          .flatMap(m -> m.getLongGaugeData().getPoints().stream())
          .mapToLong(LongPointData::getValue).sum();
      assertEquals(before + 1, gauge);
    } finally {
      InFlightCalls.remove(receiving);
      InFlightCalls.remove(answeredUnread);
    }
  }

  private static InFlight inFlight(boolean receiving) {
    return new InFlight() {
      @Override
      public boolean cancelAtShutdown() {
        return false;
      }

      @Override
      public boolean abandonAtExit() {
        return false;
      }

      @Override
      public boolean isReceiving() {
        return receiving;
      }
    };
  }

  @Test
  void eachCallCountsUnderItsOwnModelErrorAndOutcome() {
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    SdkMeterProvider provider = SdkMeterProvider.builder().registerMetricReader(reader).build();
    Meters meters = new Meters(provider.get("test"), new MetricTags(Set.of("feature")));
    for (int i = 0; i < 3; i++) {
      meters.accept(call("gpt-4o-mini", 200, Outcome.CONSUMED, 100, Map.of()));
    }
    meters.accept(call("gpt-4o", 200, Outcome.CONSUMED, 500, Map.of()));
    meters.accept(call("gpt-4o", 429, Outcome.FAILED, 0, Map.of()));
    meters.accept(call("gpt-4o", 200, Outcome.ABANDONED, 7, Map.of("feature", "search")));
    meters.accept(call("gpt-4o", 200, Outcome.ABANDONED, 7, Map.of("feature", "chat")));

    Collection<MetricData> metrics = reader.collectAllMetrics();
    Map<String, Long> inputTokens = new TreeMap<>();
    for (HistogramPointData p : histogram(metrics, "gen_ai.client.token.usage")) {
      if ("input".equals(p.getAttributes().get(TOKEN_TYPE))) {
        inputTokens.merge(p.getAttributes().get(MODEL) + "/" + p.getAttributes().get(ERROR), (long) p.getSum(), Long::sum);
      }
    }
    // error.type is on the duration, not on the tokens (the GenAI conventions)
    assertEquals(Map.of("gpt-4o-mini/null", 300L, "gpt-4o/null", 514L), inputTokens);
    assertEquals(Set.of("null", "429"), histogram(metrics, "gen_ai.client.operation.duration")
        .stream().map(p -> String.valueOf(p.getAttributes().get(ERROR))).collect(Collectors.toSet()));

    Map<String, Long> calls = points(metrics, "llmcost.calls").stream().collect(Collectors.toMap(
        p -> p.getAttributes().get(MODEL) + "/" + p.getAttributes().get(OUTCOME) + "/"
            + p.getAttributes().get(AttributeKey.stringKey("llmcost.tag.feature")),
        LongPointData::getValue));
    assertEquals(Map.of("gpt-4o-mini/consumed/null", 3L, "gpt-4o/consumed/null", 1L,
        "gpt-4o/failed/null", 1L, "gpt-4o/abandoned/search", 1L, "gpt-4o/abandoned/chat", 1L), calls);
  }

  private static Collection<HistogramPointData> histogram(Collection<MetricData> metrics, String name) {
    return metrics.stream().filter(m -> m.getName().equals(name)).findFirst().orElseThrow()
        .getHistogramData().getPoints();
  }

  private static Collection<LongPointData> points(Collection<MetricData> metrics, String name) {
    return metrics.stream().filter(m -> m.getName().equals(name)).findFirst().orElseThrow()
        .getLongSumData().getPoints();
  }
}
