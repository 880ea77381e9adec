package dev.llmcost.it.transports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.llmcost.it.harness.BundledPrices;
import dev.llmcost.it.harness.ReceivedSpan;
import java.util.List;
import java.util.Objects;

/** Finds the span of one scenario among a run's spans, and checks what every transport must report. */
final class Spans {
  static final String OPENAI_MODEL = "gpt-4o-mini";
  static final String ANTHROPIC_MODEL = "claude-sonnet-4-5";
  private static final BundledPrices PRICES = BundledPrices.fromBuiltAgent();

  private final List<ReceivedSpan> spans;
  private final String app;

  /** The spans of calls made from {@code app}'s code (their call site names it). */
  Spans(List<ReceivedSpan> spans, Class<?> app) {
    this.app = app.getName();
    this.spans = spans.stream()
        .filter(s -> String.valueOf(s.stringAttribute("code.function.name")).startsWith(this.app + "."))
        .toList();
  }

  /** The one span of a model's call, streamed or not, that ended with this outcome. */
  ReceivedSpan one(String model, boolean stream, String outcome) {
    List<ReceivedSpan> found = spans.stream()
        .filter(s -> model.equals(s.stringAttribute("gen_ai.request.model")))
        .filter(s -> stream == Boolean.TRUE.equals(s.attribute("gen_ai.request.stream")))
        .filter(s -> outcome.equals(s.stringAttribute("llmcost.outcome")))
        .toList();
    assertEquals(1, found.size(), model + (stream ? " stream " : " ") + outcome + " in " + spans);
    ReceivedSpan span = found.get(0);
    assertEquals("CLIENT", span.kind());
    return span;
  }

  /** The one failed call answered with this HTTP status. */
  ReceivedSpan failedWithStatus(String model, long status) {
    List<ReceivedSpan> found = spans.stream()
        .filter(s -> model.equals(s.stringAttribute("gen_ai.request.model")))
        .filter(s -> Objects.equals(status, s.attribute("http.response.status_code")))
        .toList();
    assertEquals(1, found.size(), model + " " + status + " in " + spans);
    ReceivedSpan span = found.get(0);
    assertEquals("failed", span.stringAttribute("llmcost.outcome"));
    assertEquals(Long.toString(status), span.stringAttribute("error.type"));
    assertEquals("ERROR", span.statusCode());
    return span;
  }

  /** Tokens as the fake reported them, priced from the bundled table. */
  static void assertReportedUsage(ReceivedSpan span, String provider) {
    assertEquals(TransportRun.USAGE.inputTokens(), span.longAttribute("gen_ai.usage.input_tokens"), span::toString);
    assertEquals(TransportRun.USAGE.outputTokens(), span.longAttribute("gen_ai.usage.output_tokens"), span::toString);
    assertEquals(Boolean.FALSE, span.attribute("llmcost.usage.estimated"), span::toString);
    double expected = PRICES.costUsd(provider + "/" + span.stringAttribute("gen_ai.request.model"),
        TransportRun.USAGE.inputTokens(), TransportRun.USAGE.outputTokens());
    assertEquals(expected, span.doubleAttribute("llmcost.cost.usd"), 1e-12, span::toString);
  }

  /** A call the provider cut off mid-stream: failed with the transport's exception, not a status. */
  static void assertDropped(ReceivedSpan span) {
    String error = span.stringAttribute("error.type");
    assertNotNull(error, span::toString);
    assertFalse(error.chars().allMatch(Character::isDigit), "an exception class, not a status: " + error);
    assertEquals("ERROR", span.statusCode());
  }
}
