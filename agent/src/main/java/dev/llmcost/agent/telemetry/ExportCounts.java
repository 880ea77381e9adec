package dev.llmcost.agent.telemetry;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the spans the agent wrote and those its exporter delivered, so spans lost to a backend
 * that is down, slow or refusing (the SDK's bounded queue drops them rather than grow) are told
 * once at exit instead of vanishing silently.
 */
final class ExportCounts {
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong exported = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  /** False with {@code otel.traces.exporter=none}: nothing is meant to leave, so nothing is lost. */
  private volatile boolean exporting;

  long written() {
    return written.get();
  }

  long exported() {
    return exported.get();
  }

  long refused() {
    return refused.get();
  }

  /** Spans written but not delivered: refused by the backend, dropped from the full queue, or still unsent. */
  long lost() {
    return exporting ? Math.max(0, written.get() - exported.get()) : 0;
  }

  /** Counts every span that ends; registered before the SDK's batch processor. */
  SpanProcessor writtenCounter() {
    return new SpanProcessor() {
      @Override
      public void onStart(Context parentContext, ReadWriteSpan span) {}

      @Override
      public boolean isStartRequired() {
        return false;
      }

      @Override
      public void onEnd(ReadableSpan span) {
        written.incrementAndGet();
      }

      @Override
      public boolean isEndRequired() {
        return true;
      }
    };
  }

  /** Wraps the configured exporter to learn which batches arrived. */
  SpanExporter counting(SpanExporter delegate) {
    exporting = true;
    return new SpanExporter() {
      @Override
      public CompletableResultCode export(Collection<SpanData> spans) {
        int n = spans.size();
        CompletableResultCode result = delegate.export(spans);
        result.whenComplete(() -> (result.isSuccess() ? exported : refused).addAndGet(n));
        return result;
      }

      @Override
      public CompletableResultCode flush() {
        return delegate.flush();
      }

      @Override
      public CompletableResultCode shutdown() {
        return delegate.shutdown();
      }

      @Override
      public String toString() {
        return delegate.toString();
      }
    };
  }
}
