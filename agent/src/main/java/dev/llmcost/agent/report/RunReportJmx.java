package dev.llmcost.agent.report;

import dev.llmcost.agent.AgentLog;
import dev.llmcost.agent.call.PricedCall;
import dev.llmcost.agent.call.TrackingSwitch;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.management.ObjectName;

/**
 * Publishes the run report as an MXBean, and beside it the switch that pauses tracking.
 * Registered when the first LLM call is reported, on a thread of its own: starting the platform
 * MBean server in premain would initialise JMX and java.util.logging before the application
 * configures them (application servers mind).
 */
public final class RunReportJmx implements RunReportMXBean, Consumer<PricedCall> {
  public static final String NAME = "dev.llmcost:type=RunReport";

  private final RunReport report;
  private final TrackingSwitch trackingSwitch;
  private final AtomicBoolean registered = new AtomicBoolean();

  public RunReportJmx(RunReport report, TrackingSwitch trackingSwitch) {
    this.report = report;
    this.trackingSwitch = trackingSwitch;
  }

  @Override
  public void accept(PricedCall call) {
    if (registered.compareAndSet(false, true)) {
      Thread t = new Thread(this::register, "llm-cost-agent-jmx");
      t.setDaemon(true);
      t.start();
    }
  }

  void register() {
    register(NAME, this);
    register(TrackingSwitch.NAME, trackingSwitch);
  }

  private static void register(String objectName, Object bean) {
    try {
      ObjectName name = new ObjectName(objectName);
      var server = ManagementFactory.getPlatformMBeanServer();
      if (!server.isRegistered(name)) {
        server.registerMBean(bean, name);
      }
    } catch (Throwable t) {
      AgentLog.warn(objectName + " is not published over JMX: " + t);
    }
  }

  @Override
  public long getCalls() {
    return report.total().calls();
  }

  @Override
  public double getCostUsd() {
    return report.total().costUsd();
  }

  @Override
  public double getWasteUsd() {
    return report.total().wasteUsd();
  }

  @Override
  public double getCacheHitRatio() {
    return report.total().cacheHitRatio();
  }

  @Override
  public long getInputTokens() {
    return report.total().inputTokens();
  }

  @Override
  public long getOutputTokens() {
    return report.total().outputTokens();
  }

  @Override
  public long getCachedTokens() {
    return report.total().cachedTokens();
  }

  @Override
  public String getTable() {
    return String.join("\n", report.lines());
  }

  @Override
  public String getJson() {
    return report.toJson();
  }

  @Override
  public void logReport() {
    report.lines().forEach(AgentLog::info);
  }
}
