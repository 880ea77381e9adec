package dev.llmcost.agent;

import dev.llmcost.agent.call.AbandonWatcher;
import dev.llmcost.agent.call.CallReporter;
import dev.llmcost.agent.call.CallSites;
import dev.llmcost.agent.call.CallTracker;
import dev.llmcost.agent.context.ApplicationContext;
import dev.llmcost.agent.http.Instrumenter;
import dev.llmcost.agent.http.TransportCalls;
import dev.llmcost.agent.http.TypeInstrumentation;
import dev.llmcost.agent.http.apache.ApacheAsyncInstrumentation;
import dev.llmcost.agent.http.apache.ApacheClassicInstrumentation;
import dev.llmcost.agent.http.apache.ApacheHttpCalls;
import dev.llmcost.agent.http.jdk.JdkHttpCalls;
import dev.llmcost.agent.http.jdk.JdkHttpClientInstrumentation;
import dev.llmcost.agent.http.jdk.JdkTrustedSubscriberInstrumentation;
import dev.llmcost.agent.http.okhttp.OkHttpCalls;
import dev.llmcost.agent.http.okhttp.OkHttpInstrumentation;
import dev.llmcost.agent.http.urlconnection.UrlConnectionCalls;
import dev.llmcost.agent.http.urlconnection.UrlConnectionInstrumentation;
import dev.llmcost.agent.lifecycle.ShutdownSequence;
import dev.llmcost.agent.pricing.PriceBook;
import dev.llmcost.agent.provider.Endpoints;
import dev.llmcost.agent.report.PeriodicReport;
import dev.llmcost.agent.report.ReportFile;
import dev.llmcost.agent.report.RunReportJmx;
import dev.llmcost.agent.report.RunReport;
import dev.llmcost.agent.sdk.AsyncCallSites;
import dev.llmcost.agent.sdk.SdkInstrumentation;
import dev.llmcost.agent.guard.ConcurrencyLimits;
import dev.llmcost.agent.guard.GuardEvents;
import dev.llmcost.agent.guard.Guards;
import dev.llmcost.agent.guard.SpendBudget;
import dev.llmcost.agent.guard.SpendAlerts;
import dev.llmcost.agent.telemetry.GuardMetrics;
import dev.llmcost.agent.telemetry.Meters;
import dev.llmcost.agent.telemetry.MetricTags;
import dev.llmcost.agent.telemetry.SpanWriter;
import dev.llmcost.agent.telemetry.Telemetry;
import dev.llmcost.agent.waste.CachingOpportunities;
import dev.llmcost.agent.waste.DuplicateRequests;
import dev.llmcost.agent.waste.RetriedRequests;
import dev.llmcost.agent.waste.UpfrontFiringDetector;
import dev.llmcost.bootstrap.ApacheHttpHooks;
import dev.llmcost.bootstrap.HookErrors;
import dev.llmcost.bootstrap.JdkHttpHooks;
import dev.llmcost.bootstrap.OkHttpHooks;
import dev.llmcost.bootstrap.SdkHooks;
import dev.llmcost.bootstrap.UrlConnectionHooks;
import java.lang.instrument.Instrumentation;
import dev.llmcost.agent.content.ContentCapture;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Wires the agent together: configuration, telemetry, pricing, hooks, instrumentation, shutdown. */
public final class AgentInstaller {
  static final String VERSION = versionOf(AgentInstaller.class);

  private AgentInstaller() {}

  public static void install(String args, Instrumentation inst, boolean attached) {
    AgentConfig config = AgentConfig.fromProcess(args);
    AgentLog.setLevel(logLevel(config.get("llmcost.log.level")));
    if (!config.getBoolean("llmcost.enabled")) {
      AgentLog.info("disabled by llmcost.enabled=false");
      LlmCostAgent.reportState("disabled");
      return;
    }
    config.warnAboutUnknownKeys();
    HookErrors.install(AgentLog::failure);

    Telemetry telemetry = Telemetry.start(config.otelOverrides());
    RunReport runReport = new RunReport();
    Meters meters = new Meters(telemetry.meter(VERSION),
        new MetricTags(config.getSet("llmcost.metric.tag_keys")));
    UpfrontFiringDetector upfrontFiring = new UpfrontFiringDetector(meters::recordUpfrontFiring);
    GuardEvents guardEvents = new GuardMetrics(telemetry.meter(VERSION));
    SpendBudget budget = new SpendBudget(config.getDouble(SpendBudget.SOFT),
        config.getDouble(SpendBudget.HARD), budgetPeriod(config), System::currentTimeMillis,
        guardEvents);
    ContentCapture contentCapture = config.getBoolean("llmcost.capture.content")
        ? new ContentCapture(config.getLong("llmcost.capture.max_chars"), config.get("llmcost.capture.redact"))
        : null;
    PriceBook prices = PriceBook.load(config.get("llmcost.pricing.file"));
    long windowSeconds = config.getLong("llmcost.duplicates.window_s");
    List<java.util.function.Consumer<dev.llmcost.agent.call.PricedCall>> outputs =
        new ArrayList<>(List.of(new SpanWriter(telemetry.tracer(VERSION), contentCapture), meters,
            runReport, upfrontFiring, budget,
            new SpendAlerts(config.getDouble(SpendAlerts.RATE), config.getDouble(SpendAlerts.WASTE_SHARE),
                guardEvents)));
    if (config.getBoolean("llmcost.report.jmx")) {
      outputs.add(new RunReportJmx(runReport));
    }
    CallReporter reporter = new CallReporter(prices, new DuplicateRequests(windowSeconds),
        new RetriedRequests(windowSeconds),
        new CachingOpportunities(prices, config.getLong("llmcost.caching.window_s")), outputs);
    PeriodicReport.start(runReport, config.getLong("llmcost.report.interval_s"));
    CallSites callSites = new CallSites();
    CallTracker tracker = new CallTracker(
        Endpoints.withConfig(config.get("llmcost.endpoints")),
        reporter,
        callSites,
        new AbandonWatcher(),
        (int) Math.min(Integer.MAX_VALUE, config.getLong("llmcost.request.max_bytes")),
        config.getBoolean("llmcost.cancel_abandoned"),
        new ApplicationContext(config.getSet("llmcost.baggage.keys")),
        new Guards(concurrencyLimits(config), budget, guardEvents),
        contentCapture);

    JdkHttpHooks.install(new JdkHttpCalls(tracker));
    TransportCalls transportCalls = new TransportCalls(tracker);
    ApacheHttpHooks.install(new ApacheHttpCalls(transportCalls));
    UrlConnectionHooks.install(new UrlConnectionCalls(transportCalls));
    OkHttpHooks.install(new OkHttpCalls(tracker));
    SdkHooks.install(new AsyncCallSites(callSites, tracker));
    new ShutdownSequence(config.getBoolean("llmcost.shutdown.cancel"),
        config.getLong("llmcost.shutdown.grace_ms"), telemetry,
        () -> {
          upfrontFiring.flushAll();
          runReport.lines().forEach(AgentLog::info);
          ReportFile.write(config.get("llmcost.report.file"), runReport);
        }, () -> runReport.total().calls() > 0).register();
    List<TypeInstrumentation> instrumentations = new ArrayList<>();
    instrumentations.add(new JdkHttpClientInstrumentation());
    instrumentations.add(new JdkTrustedSubscriberInstrumentation());
    instrumentations.addAll(ApacheClassicInstrumentation.all());
    instrumentations.addAll(ApacheAsyncInstrumentation.all());
    instrumentations.addAll(UrlConnectionInstrumentation.all());
    instrumentations.addAll(OkHttpInstrumentation.all());
    instrumentations.addAll(SdkInstrumentation.all());
    Instrumenter.install(inst, attached, instrumentations);
    AgentLog.info("started " + VERSION + (attached ? " (attached)" : ""));
  }

  private static SpendBudget.Period budgetPeriod(AgentConfig config) {
    String value = config.get(SpendBudget.PERIOD);
    try {
      return SpendBudget.Period.valueOf(value.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      AgentLog.warn("setting " + SpendBudget.PERIOD + "=" + value + " is not valid (run, hour, day); using run");
      return SpendBudget.Period.RUN;
    }
  }

  private static ConcurrencyLimits concurrencyLimits(AgentConfig config) {
    String spec = config.get(ConcurrencyLimits.SETTING);
    try {
      return ConcurrencyLimits.parse(spec, config.getLong("llmcost.guard.max_wait_ms"));
    } catch (RuntimeException e) {
      AgentLog.warn("setting " + ConcurrencyLimits.SETTING + "=" + spec
          + " is not valid (a number, or provider=N,provider/model=N); no concurrency limit");
      return ConcurrencyLimits.parse("", 0);
    }
  }

  private static AgentLog.Level logLevel(String value) {
    try {
      return AgentLog.Level.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      AgentLog.warn("setting llmcost.log.level=" + value + " is not valid; using info");
      return AgentLog.Level.INFO;
    }
  }

  private static String versionOf(Class<?> type) {
    String v = type.getPackage() != null ? type.getPackage().getImplementationVersion() : null;
    return v != null ? v : "dev";
  }
}
