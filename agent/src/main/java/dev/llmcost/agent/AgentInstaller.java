package dev.llmcost.agent;

import dev.llmcost.agent.call.AbandonWatcher;
import dev.llmcost.agent.call.CallSites;
import dev.llmcost.agent.call.CallTracker;
import dev.llmcost.agent.call.DeferredCallSink;
import dev.llmcost.agent.call.TrackingSwitch;
import dev.llmcost.agent.content.ContentCapture;
import dev.llmcost.agent.context.ApplicationContext;
import dev.llmcost.agent.http.Instrumenter;
import dev.llmcost.agent.http.TransportCalls;
import dev.llmcost.agent.http.TypeInstrumentation;
import dev.llmcost.agent.http.apache.ApacheAsyncInstrumentation;
import dev.llmcost.agent.http.apache.ApacheClassicInstrumentation;
import dev.llmcost.agent.http.apache.ApacheHttpCalls;
import dev.llmcost.agent.http.EventLoopCalls;
import dev.llmcost.agent.http.netty.NettyHttpCalls;
import dev.llmcost.agent.http.netty.NettyInstrumentation;
import dev.llmcost.agent.http.netty.ReactorNettyCalls;
import dev.llmcost.agent.http.netty.ReactorNettyInstrumentation;
import dev.llmcost.agent.http.jdk.JdkHttpCalls;
import dev.llmcost.agent.http.jdk.JdkHttpClientInstrumentation;
import dev.llmcost.agent.http.jdk.JdkInputStreamBodyInstrumentation;
import dev.llmcost.agent.http.jdk.JdkTrustedSubscriberInstrumentation;
import dev.llmcost.agent.http.okhttp.OkHttpCalls;
import dev.llmcost.agent.http.okhttp.OkHttpInstrumentation;
import dev.llmcost.agent.http.urlconnection.UrlConnectionCalls;
import dev.llmcost.agent.http.urlconnection.UrlConnectionInstrumentation;
import dev.llmcost.agent.guard.ConcurrencyLimits;
import dev.llmcost.agent.guard.Guards;
import dev.llmcost.agent.guard.BudgetLimits;
import dev.llmcost.agent.guard.SpendBudget;
import dev.llmcost.agent.lifecycle.ShutdownSequence;
import dev.llmcost.agent.provider.Endpoints;
import dev.llmcost.agent.sdk.AsyncCallSites;
import dev.llmcost.agent.sdk.SdkInstrumentation;
import dev.llmcost.agent.tasks.TaskFutureInstrumentation;
import dev.llmcost.bootstrap.ApacheHttpHooks;
import dev.llmcost.bootstrap.NettyHooks;
import dev.llmcost.bootstrap.ReactorNettyHooks;
import dev.llmcost.bootstrap.HookErrors;
import dev.llmcost.bootstrap.JdkHttpHooks;
import dev.llmcost.bootstrap.OkHttpHooks;
import dev.llmcost.bootstrap.SdkHooks;
import dev.llmcost.bootstrap.TaskHooks;
import dev.llmcost.bootstrap.UrlConnectionHooks;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

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

    // Reporting (OpenTelemetry SDK, exporters, price table) starts beside the application, once
    // instrumentation is ready (the first HTTP client may be waiting for that); calls that
    // settle before then wait in the sink.
    DeferredCallSink settledCalls = new DeferredCallSink();
    CompletableFuture<Reporting> reporting = new CompletableFuture<>();
    // What the request path needs is built now; its metric events reach telemetry once it is up.
    LateGuardEvents guardEvents = new LateGuardEvents();
    SpendBudget budget = new SpendBudget(
        BudgetLimits.parse(SpendBudget.SOFT, config.get(SpendBudget.SOFT)),
        BudgetLimits.parse(SpendBudget.HARD, config.get(SpendBudget.HARD)),
        budgetPeriod(config), System::currentTimeMillis, guardEvents);
    ContentCapture contentCapture = config.getBoolean("llmcost.capture.content")
        ? new ContentCapture(config.getLong("llmcost.capture.max_chars"), config.get("llmcost.capture.redact"))
        : null;
    TrackingSwitch trackingSwitch = new TrackingSwitch();
    Supplier<Reporting> reportingStarter =
        () -> Reporting.start(config, VERSION, budget, contentCapture, guardEvents, trackingSwitch);
    // A hard budget must have seen the cost of every settled call before it admits the next one.
    boolean reportFromPremain = budget.hardEnabled();
    if (reportFromPremain) {
      startReporting(reportingStarter, settledCalls, reporting);
    }
    CallSites callSites = new CallSites();
    CallTracker tracker = new CallTracker(
        Endpoints.withConfig(config.get("llmcost.endpoints")),
        settledCalls,
        callSites,
        new AbandonWatcher(),
        (int) Math.min(Integer.MAX_VALUE, config.getLong("llmcost.request.max_bytes")),
        config.getBoolean("llmcost.cancel_abandoned"),
        new ApplicationContext(config.getSet("llmcost.baggage.keys")),
        new Guards(concurrencyLimits(config), budget, guardEvents),
        contentCapture, trackingSwitch);

    tracker.taskFutures().settleFireAndForgetAfter(config.getLong("llmcost.tasks.fire_and_forget_s"));
    JdkHttpHooks.install(new JdkHttpCalls(tracker));
    TransportCalls transportCalls = new TransportCalls(tracker);
    ApacheHttpHooks.install(new ApacheHttpCalls(transportCalls));
    UrlConnectionHooks.install(new UrlConnectionCalls(transportCalls));
    EventLoopCalls eventLoopCalls = new EventLoopCalls(tracker);
    NettyHooks.install(new NettyHttpCalls(eventLoopCalls));
    ReactorNettyHooks.install(new ReactorNettyCalls(eventLoopCalls));
    OkHttpHooks.install(new OkHttpCalls(tracker));
    SdkHooks.install(new AsyncCallSites(callSites, tracker));
    TaskHooks.install(tracker.taskFutures());
    long graceMillis = config.getLong("llmcost.shutdown.grace_ms");
    String reportFile = config.get("llmcost.report.file");
    // Time the exit spent waiting for reporting to start is start-up, not flushing: the flush
    // (whose first export also starts the exporter's HTTP client) still gets its share.
    AtomicLong waitedForReporting = new AtomicLong();
    new ShutdownSequence(config.getBoolean("llmcost.shutdown.cancel"), graceMillis,
        millis -> {
          Reporting started = reporting.getNow(null);
          if (started != null) {
            started.flush(millis + waitedForReporting.get());
          }
        },
        () -> {
          // Nothing to report when no call settled, unless a report file was asked for.
          boolean needed = settledCalls.seenAny() || (reportFile != null && !reportFile.isBlank());
          long start = System.nanoTime();
          // Reporting starts in the background; on a starved machine a short run can end first.
          // Its calls are the whole point, so the exit waits for it a while longer than the grace.
          Reporting started = needed ? await(reporting, 3 * graceMillis) : reporting.getNow(null);
          waitedForReporting.set((System.nanoTime() - start) / 1_000_000);
          if (started != null) {
            started.reportRun(reportFile);
          }
        },
        () -> settledCalls.seenAny()).decidingFirst(tracker.taskFutures()::decideAtExit).register();
    List<TypeInstrumentation> instrumentations = new ArrayList<>();
    instrumentations.add(new JdkHttpClientInstrumentation());
    instrumentations.add(new JdkTrustedSubscriberInstrumentation());
    instrumentations.add(new JdkInputStreamBodyInstrumentation());
    instrumentations.addAll(ApacheClassicInstrumentation.all());
    instrumentations.addAll(ApacheAsyncInstrumentation.all());
    instrumentations.addAll(UrlConnectionInstrumentation.all());
    instrumentations.addAll(OkHttpInstrumentation.all());
    instrumentations.addAll(NettyInstrumentation.all());
    instrumentations.addAll(ReactorNettyInstrumentation.all());
    instrumentations.addAll(SdkInstrumentation.all());
    instrumentations.addAll(TaskFutureInstrumentation.all());
    Instrumenter.install(inst, attached, instrumentations)
        .whenComplete((ready, failure) -> {
          if (!reportFromPremain) {
            startReporting(reportingStarter, settledCalls, reporting);
          }
        });
    AgentLog.info("started " + VERSION + (attached ? " (attached)" : ""));
  }

  private static void startReporting(Supplier<Reporting> starter, DeferredCallSink settledCalls,
      CompletableFuture<Reporting> reporting) {
    long start = System.nanoTime();
    try {
      Reporting started = starter.get();
      AgentLog.debug("telemetry and prices ready in " + (System.nanoTime() - start) / 1_000_000 + " ms");
      settledCalls.deliverTo(started.reporter());
      reporting.complete(started);
    } catch (Throwable t) {
      AgentLog.failure("starting telemetry", t);
      reporting.completeExceptionally(t);
    }
  }

  private static Reporting await(CompletableFuture<Reporting> reporting, long millis) {
    try {
      return reporting.get(Math.max(millis, 1), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (ExecutionException | TimeoutException e) {
      return null;
    }
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
