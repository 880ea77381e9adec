package dev.llmcost.agent.telemetry;

import io.opentelemetry.exporter.logging.LoggingMetricExporter;
import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import io.opentelemetry.exporter.logging.otlp.OtlpJsonLoggingMetricExporter;
import io.opentelemetry.exporter.logging.otlp.OtlpJsonLoggingSpanExporter;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The {@code console} ({@code logging}) and {@code logging-otlp} exporters write through
 * java.util.logging, whose handlers the JDK closes at exit in a shutdown hook of its own; the
 * export at exit, from the agent's hook, then printed nothing, so a short run showed no span at
 * all, and the export the span processor makes on its own while the exit runs printed nothing
 * either. From the start of the exit their records are printed to stderr directly, as the console
 * handler would have: a logger's filter outlives the JDK's reset of its handlers, and declining
 * the record keeps a handler still there from printing it twice.
 */
final class LoggingExportersAtExit {
  private static final AtomicBoolean IN_USE = new AtomicBoolean();
  private static final List<String> LOGGERS = List.of(
      LoggingSpanExporter.class.getName(), LoggingMetricExporter.class.getName(),
      OtlpJsonLoggingSpanExporter.class.getName(), OtlpJsonLoggingMetricExporter.class.getName());

  private LoggingExportersAtExit() {}

  /** Passes every exporter through, noting the first that writes through java.util.logging. */
  static <T> T noted(T exporter) {
    if ((exporter instanceof LoggingSpanExporter || exporter instanceof LoggingMetricExporter
        || exporter instanceof OtlpJsonLoggingSpanExporter
        || exporter instanceof OtlpJsonLoggingMetricExporter) && IN_USE.compareAndSet(false, true)) {
      try {
        Runtime.getRuntime().addShutdownHook(
            new Thread(LoggingExportersAtExit::printToStderr, "llm-cost-agent-console-exit"));
      } catch (IllegalStateException e) {
        printToStderr(); // configured while the JVM already exits
      }
    }
    return exporter;
  }

  static void printToStderr() {
    SimpleFormatter formatter = new SimpleFormatter();
    for (String name : LOGGERS) {
      Logger.getLogger(name).setFilter(record -> {
        System.err.print(formatter.format(record));
        System.err.flush();
        return false;
      });
    }
  }
}
