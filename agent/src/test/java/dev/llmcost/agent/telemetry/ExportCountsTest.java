package dev.llmcost.agent.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ExportCountsTest {

  @Test
  void spansTheBackendRefusedAreCountedAsLost() {
    ExportCounts counts = new ExportCounts();
    AtomicBoolean backendUp = new AtomicBoolean(true);
    SdkTracerProvider provider = SdkTracerProvider.builder()
        .addSpanProcessor(counts.writtenCounter())
        .addSpanProcessor(SimpleSpanProcessor.create(counts.counting(new Backend(backendUp))))
        .build();
    Tracer tracer = provider.get("test");
    tracer.spanBuilder("a").startSpan().end();
    tracer.spanBuilder("b").startSpan().end();
    backendUp.set(false);
    tracer.spanBuilder("c").startSpan().end();
    provider.shutdown().join(5, java.util.concurrent.TimeUnit.SECONDS);

    assertEquals(3, counts.written());
    assertEquals(2, counts.exported());
    assertEquals(1, counts.refused());
    assertEquals(1, counts.lost());
  }

  @Test
  void withoutAnExporterNothingIsLost() {
    ExportCounts counts = new ExportCounts();
    SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(counts.writtenCounter()).build();
    provider.get("test").spanBuilder("a").startSpan().end();
    assertEquals(1, counts.written());
    assertEquals(0, counts.lost());
  }

  /** Accepts batches while up, refuses them when down. */
  private record Backend(AtomicBoolean up) implements SpanExporter {
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      return up.get() ? CompletableResultCode.ofSuccess() : CompletableResultCode.ofFailure();
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
