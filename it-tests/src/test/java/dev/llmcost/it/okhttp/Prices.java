package dev.llmcost.it.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmcost.it.harness.ReceivedSpan;

/**
 * The bundled price table's rates (USD per million tokens) for the models these tests call, as
 * written in agent/src/main/resources/dev/llmcost/agent/pricing/prices.json; the expected cost is
 * computed here, independently of the agent. Public for the transport tests (ReactorNettyIT).
 */
public enum Prices {
  GPT_4O_MINI("gpt-4o-mini", 0.15, 0.60),
  CLAUDE_HAIKU_4_5("claude-haiku-4-5", 1.00, 5.00);

  private final String modelName;
  private final double inputPerMillion;
  private final double outputPerMillion;

  Prices(String modelName, double inputPerMillion, double outputPerMillion) {
    this.modelName = modelName;
    this.inputPerMillion = inputPerMillion;
    this.outputPerMillion = outputPerMillion;
  }

  public String modelName() {
    return modelName;
  }

  public double cost(long inputTokens, long outputTokens) {
    return (inputTokens * inputPerMillion + outputTokens * outputPerMillion) / 1_000_000;
  }

  /** The span's tokens are the given ones and its cost is exactly what they cost. */
  public void assertTokensAndCost(ReceivedSpan span, long inputTokens, long outputTokens) {
    assertEquals(inputTokens, span.longAttribute("gen_ai.usage.input_tokens"), span.toString());
    assertEquals(outputTokens, span.longAttribute("gen_ai.usage.output_tokens"), span.toString());
    assertCost(span);
  }

  /** The span's cost is what its own token figures cost at this model's rates. */
  public void assertCost(ReceivedSpan span) {
    double expected = cost(span.longAttribute("gen_ai.usage.input_tokens"),
        span.longAttribute("gen_ai.usage.output_tokens"));
    assertEquals(expected, span.doubleAttribute("llmcost.cost.usd"), expected * 1e-9, span.toString());
  }
}
