package dev.llmcost.agent;

import dev.llmcost.agent.call.CallReporter;
import dev.llmcost.agent.call.PricedCall;
import dev.llmcost.agent.call.TrackingSwitch;
import dev.llmcost.agent.content.ContentCapture;
import dev.llmcost.agent.guard.SpendAlerts;
import dev.llmcost.agent.guard.SpendBudget;
import dev.llmcost.agent.pricing.PriceBook;
import dev.llmcost.agent.report.PeriodicReport;
import dev.llmcost.agent.report.ReportFile;
import dev.llmcost.agent.report.RunReport;
import dev.llmcost.agent.report.RunReportJmx;
import dev.llmcost.agent.telemetry.GuardMetrics;
import dev.llmcost.agent.telemetry.Meters;
import dev.llmcost.agent.telemetry.MetricTags;
import dev.llmcost.agent.telemetry.SpanWriter;
import dev.llmcost.agent.telemetry.Telemetry;
import dev.llmcost.agent.waste.BatchCandidates;
import dev.llmcost.agent.waste.CachingOpportunities;
import dev.llmcost.agent.waste.DuplicateRequests;
import dev.llmcost.agent.waste.RetriedRequests;
import dev.llmcost.agent.waste.UpfrontFiringDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Everything that happens to a call once it has settled: pricing, spans, metrics, waste
 * detection and the run report. Built off the application's start-up path: the OpenTelemetry
 * SDK, its exporters and the price table are most of the classes the agent loads.
 */
final class Reporting {
  private final Telemetry telemetry;
  private final RunReport runReport;
  private final UpfrontFiringDetector upfrontFiring;
  private final CallReporter reporter;

  private Reporting(AgentConfig config, String version, SpendBudget budget,
      ContentCapture contentCapture, LateGuardEvents guardEvents, TrackingSwitch trackingSwitch) {
    telemetry = Telemetry.start(config.otelOverrides());
    Meters meters = new Meters(telemetry.meter(version),
        new MetricTags(config.getSet("llmcost.metric.tag_keys")));
    upfrontFiring = new UpfrontFiringDetector(meters::recordUpfrontFiring);
    guardEvents.deliverTo(new GuardMetrics(telemetry.meter(version)));
    PriceBook prices = PriceBook.load(config.get("llmcost.pricing.file"));
    long windowSeconds = config.getLong("llmcost.duplicates.window_s");
    BatchCandidates batchCandidates = new BatchCandidates(prices,
        (int) Math.min(Integer.MAX_VALUE, config.getLong(BatchCandidates.MIN_CALLS)));
    runReport = new RunReport(batchCandidates.minCalls());
    // What the application's next call or question may depend on comes first: its spend toward a
    // budget, the run report it may read. Spans and metrics may follow once it has its answer.
    List<Consumer<PricedCall>> outputs = new ArrayList<>(List.of(runReport, budget));
    if (config.getBoolean("llmcost.report.jmx")) {
      outputs.add(new RunReportJmx(runReport, trackingSwitch));
    }
    List<Consumer<PricedCall>> afterHandOver = List.of(
        new SpanWriter(telemetry.tracer(version), contentCapture), meters, upfrontFiring,
        new SpendAlerts(config.getDouble(SpendAlerts.RATE),
            config.getShare(SpendAlerts.WASTE_SHARE), guardEvents));
    reporter = new CallReporter(prices, new DuplicateRequests(windowSeconds),
        new RetriedRequests(windowSeconds),
        new CachingOpportunities(prices, config.getLong("llmcost.caching.window_s")),
        batchCandidates, outputs, afterHandOver);
    PeriodicReport.start(runReport, config.getLong("llmcost.report.interval_s"));
  }

  static Reporting start(AgentConfig config, String version, SpendBudget budget,
      ContentCapture contentCapture, LateGuardEvents guardEvents, TrackingSwitch trackingSwitch) {
    return new Reporting(config, version, budget, contentCapture, guardEvents, trackingSwitch);
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
