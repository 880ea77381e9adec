package dev.llmcost.it.bench;

import dev.llmcost.it.harness.AgentJvm;
import java.nio.file.Path;

/** The three ways the benchmark runs an application: bare, under this agent, under OpenTelemetry's. */
enum AgentSetup {
  NONE("no agent", null),
  LLM_COST("llm-cost-agent", "[llm-cost-agent] INFO started"),
  OTEL("OTel Java agent", "opentelemetry-javaagent - version");

  final String label;
  /** What the agent prints on stderr when it started; proves the run measured what it says. */
  final String startedMarker;

  AgentSetup(String label, String startedMarker) {
    this.label = label;
    this.startedMarker = startedMarker;
  }

  /**
   * Same exporter settings for both agents: OTLP http/protobuf to the sink. Spans leave within
   * 200 ms (the default is 5 s), so each JVM exports its round's spans in its own turn, not in the
   * middle of another JVM's round (with two cores, whoever exports slows whoever is measured).
   */
  AgentJvm apply(AgentJvm jvm, BenchPaths paths, OtlpSink sink) {
    jvm.env("OTEL_EXPORTER_OTLP_ENDPOINT", sink.endpoint())
        .env("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
        .env("OTEL_BSP_SCHEDULE_DELAY", "200")
        .env("OTEL_SERVICE_NAME", "benchmark-app");
    return switch (this) {
      case NONE -> jvm;
      case LLM_COST -> jvm.withAgentJar(paths.agentJar(), null);
      case OTEL -> jvm.withAgentJar(paths.otelAgentJar(), null);
    };
  }

  Path jar(BenchPaths paths) {
    return switch (this) {
      case NONE -> null;
      case LLM_COST -> paths.agentJar();
      case OTEL -> paths.otelAgentJar();
    };
  }
}
