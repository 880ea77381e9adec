package dev.llmcost.agent;

import dev.llmcost.agent.call.CallReporter;
import dev.llmcost.agent.pricing.PriceBook;
import dev.llmcost.agent.report.ReportFile;
import dev.llmcost.agent.report.RunReport;
import dev.llmcost.agent.telemetry.Meters;
import dev.llmcost.agent.telemetry.SpanWriter;
import dev.llmcost.agent.telemetry.Telemetry;
import dev.llmcost.agent.waste.DuplicateRequests;
import dev.llmcost.agent.waste.UpfrontFiringDetector;
import java.util.List;

/**
 * Everything that happens to a call once it has settled: pricing, spans, metrics, waste
 * detection and the run report. Built off the application's start-up path: the OpenTelemetry
 * SDK, its exporters and the price table are most of the classes the agent loads.
 */
final class Reporting {
  private final Telemetry telemetry;
  private final RunReport runReport = new RunReport();
  private final UpfrontFiringDetector upfrontFiring;
  private final CallReporter reporter;

  private Reporting(AgentConfig config, String version) {
    telemetry = Telemetry.start(config.otelOverrides());
    Meters meters = new Meters(telemetry.meter(version));
    upfrontFiring = new UpfrontFiringDetector(meters::recordUpfrontFiring);
    reporter = new CallReporter(
        PriceBook.load(config.get("llmcost.pricing.file")),
        new DuplicateRequests(config.getLong("llmcost.duplicates.window_s")),
        List.of(new SpanWriter(telemetry.tracer(version)), meters, runReport, upfrontFiring));
  }

  static Reporting start(AgentConfig config, String version) {
    return new Reporting(config, version);
  }

  CallReporter reporter() {
    return reporter;
  }

  /** At exit, once every call is reported: pending waste warnings, the run report, its file. */
  void reportRun(String reportFile) {
    upfrontFiring.flushAll();
    runReport.lines().forEach(AgentLog::info);
    ReportFile.write(reportFile, runReport);
  }

  boolean anyCallReported() {
    return runReport.total().calls() > 0;
  }

  void flush(long timeoutMillis) {
    telemetry.shutdown(timeoutMillis);
  }
}
