package dev.llmcost.agent.telemetry;

import dev.llmcost.agent.call.CallRecord;
import dev.llmcost.agent.call.PricedCall;
import dev.llmcost.agent.pricing.PriceBook;
import dev.llmcost.bench.BenchmarkDefaults;
import dev.llmcost.bench.SettledCalls;
import io.opentelemetry.api.common.Attributes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The span's attribute set alone (in SpanWriter's package: the method is package-private). */
@State(Scope.Thread)
public class SpanAttributesBenchmark extends BenchmarkDefaults {
  private PricedCall call;

  @Setup
  public void setUp() {
    CallRecord record = SettledCalls.openAiChat();
    call = new PricedCall(record, record.response().usage, PriceBook.load(null)
        .price("openai", record.response().model, record.response().usage), 0, false);
  }

  @Benchmark
  public Attributes spanAttributes() {
    return SpanWriter.attributes(call);
  }
}
