package dev.llmcost.agent.telemetry;

import dev.llmcost.agent.guard.GuardEvents;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;

/** Guard-rail events as counters, by the setting involved. */
public final class GuardMetrics implements GuardEvents {
  private static final AttributeKey<String> LIMIT = AttributeKey.stringKey("llmcost.limit");

  private final LongCounter rejected;
  private final LongCounter reached;

  public GuardMetrics(Meter meter) {
    rejected = meter.counterBuilder("llmcost.guard.rejected").setUnit("{call}")
        .setDescription("LLM calls refused before they were sent, by the limit that refused them").build();
    reached = meter.counterBuilder("llmcost.limit.reached").setUnit("{event}")
        .setDescription("Budgets and alert thresholds crossed").build();
  }

  @Override
  public void rejected(String limit) {
    rejected.add(1, Attributes.of(LIMIT, limit));
  }

  @Override
  public void limitReached(String limit) {
    reached.add(1, Attributes.of(LIMIT, limit));
  }
}
