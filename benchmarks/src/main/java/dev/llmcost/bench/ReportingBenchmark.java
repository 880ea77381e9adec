package dev.llmcost.bench;

import dev.llmcost.agent.call.CallRecord;
import dev.llmcost.agent.call.CallReporter;
import dev.llmcost.agent.pricing.Cost;
import dev.llmcost.agent.pricing.PriceBook;
import dev.llmcost.agent.report.RunReport;
import dev.llmcost.agent.telemetry.Meters;
import dev.llmcost.agent.telemetry.SpanWriter;
import dev.llmcost.agent.usage.Usage;
import dev.llmcost.agent.waste.DuplicateRequests;
import dev.llmcost.agent.waste.UpfrontFiringDetector;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What happens once per LLM call when it settles: price it, then span, metrics, run report and
 * waste detection, with a real OpenTelemetry SDK (batch span processor, periodic metric reader,
 * as autoconfigure builds them) whose exporters discard.
 */
@State(Scope.Thread)
public class ReportingBenchmark extends BenchmarkDefaults {
  private PriceBook prices;
  private Usage usage;
  private CallRecord record;
  private CallReporter reporter;
  private SdkTracerProvider tracers;
  private SdkMeterProvider meters;

  @Setup
  public void setUp() {
    prices = PriceBook.load(null);
    record = SettledCalls.openAiChat();
    usage = record.response().usage;
    tracers = SdkTracerProvider.builder()
        .addSpanProcessor(BatchSpanProcessor.builder(new DiscardingSpans()).build()).build();
    meters = SdkMeterProvider.builder()
        .registerMetricReader(PeriodicMetricReader.builder(new DiscardingMetrics())
            .setInterval(Duration.ofSeconds(60)).build())
        .build();
    Meters meterOutput = new Meters(meters.get("dev.llmcost.agent"));
    reporter = new CallReporter(prices, new DuplicateRequests(60), List.of(new SpanWriter(tracers.get("dev.llmcost.agent")),
        meterOutput, new RunReport(), new UpfrontFiringDetector(meterOutput::recordUpfrontFiring)));
  }

  @TearDown
  public void tearDown() {
    tracers.shutdown();
    meters.shutdown();
  }

  @Benchmark
  public Cost price() {
    return prices.price("openai", "gpt-4o-mini-2024-07-18", usage);
  }

  /** Everything a settled call costs, on whichever thread settles it. */
  @Benchmark
  public void settle() {
    reporter.settled(record);
  }

  private static final class DiscardingSpans implements SpanExporter {
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }

  private static final class DiscardingMetrics implements MetricExporter {
    @Override
    public AggregationTemporality getAggregationTemporality(InstrumentType type) {
      return AggregationTemporality.CUMULATIVE;
    }

    @Override
    public CompletableResultCode export(Collection<MetricData> metrics) {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
