package dev.llmcost.agent.telemetry;

import dev.llmcost.agent.AgentLog;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The agent's own (relocated) OpenTelemetry SDK, configured the standard way from {@code OTEL_*}
 * variables and {@code -Dotel.*} properties, with the OpenTelemetry Java agent's defaults.
 */
public final class Telemetry {
  public static final String SCOPE = "dev.llmcost.agent";

  private final OpenTelemetrySdk sdk;
  private final ExportCounts counts;

  private Telemetry(OpenTelemetrySdk sdk, ExportCounts counts) {
    this.sdk = sdk;
    this.counts = counts;
  }

  /** @param overrides {@code otel.*} settings that win over the environment (agent arguments) */
  public static Telemetry start(Map<String, String> overrides) {
    try {
      ExportCounts counts = new ExportCounts();
      return new Telemetry(configure(overrides, counts), counts);
    } catch (RuntimeException e) {
      AgentLog.error("OpenTelemetry settings are not valid (" + e.getMessage() + "); spans and "
          + "metrics are not exported, the run report is still printed at exit");
      Map<String, String> none = new HashMap<>(overrides);
      none.put("otel.traces.exporter", "none");
      none.put("otel.metrics.exporter", "none");
      none.put("otel.logs.exporter", "none");
      ExportCounts counts = new ExportCounts();
      return new Telemetry(configure(none, counts), counts);
    }
  }

  private static OpenTelemetrySdk configure(Map<String, String> overrides, ExportCounts counts) {
    return AutoConfiguredOpenTelemetrySdk.builder()
        .addPropertiesSupplier(Telemetry::javaAgentDefaults)
        .addPropertiesCustomizer(config -> overrides)
        .addSpanExporterCustomizer(
            (exporter, config) -> counts.counting(LoggingExportersAtExit.noted(exporter)))
        .addMetricExporterCustomizer((exporter, config) -> LoggingExportersAtExit.noted(exporter))
        .addTracerProviderCustomizer((builder, config) -> builder.addSpanProcessor(counts.writtenCounter()))
        .disableShutdownHook() // the agent flushes after cancelling in-flight calls, in that order
        .setServiceClassLoader(Telemetry.class.getClassLoader())
        .build()
        .getOpenTelemetrySdk();
  }

  /** Defaults that differ between the bare SDK and the OpenTelemetry Java agent. */
  static Map<String, String> javaAgentDefaults() {
    Map<String, String> d = new HashMap<>();
    d.put("otel.exporter.otlp.protocol", "http/protobuf");
    d.put("otel.logs.exporter", "none"); // the agent emits no log records
    return d;
  }

  public Tracer tracer(String version) {
    return sdk.getTracerProvider().tracerBuilder(SCOPE).setInstrumentationVersion(version).build();
  }

  public Meter meter(String version) {
    return sdk.getMeterProvider().meterBuilder(SCOPE).setInstrumentationVersion(version).build();
  }

  /**
   * Exports everything pending and stops the SDK, waiting at most {@code timeoutMillis}: an
   * unreachable backend must not hold up the application's exit. The SDK's shutdown can block
   * in the calling thread (an export in progress), so it runs on a daemon thread of its own.
   */
  public void shutdown(long timeoutMillis) {
    Thread flush = new Thread(() -> {
      CompletableResultCode result = sdk.shutdown();
      result.join(timeoutMillis, TimeUnit.MILLISECONDS);
    }, "llm-cost-agent-flush");
    flush.setDaemon(true);
    flush.start();
    try {
      if (timeoutMillis > 0) {
        flush.join(timeoutMillis);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    reportLostSpans();
  }

  private void reportLostSpans() {
    long lost = counts.lost();
    if (lost > 0) {
      AgentLog.warn(lost + " of " + counts.written() + " LLM spans were not exported (" + counts.refused()
          + " refused or failed at the trace backend, the rest dropped from the full export queue or "
          + "still unsent at exit); the run report above counts every call. Is a trace backend "
          + "listening at OTEL_EXPORTER_OTLP_ENDPOINT (default http://localhost:4318)? "
          + "OTEL_TRACES_EXPORTER=none turns export off");
    }
  }
}
