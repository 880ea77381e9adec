package dev.llmcost.it.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.fake.FakeProvider;
import dev.llmcost.it.harness.AgentJvm;
import dev.llmcost.it.harness.Jdk;
import dev.llmcost.it.harness.JvmResult;
import dev.llmcost.it.harness.OtlpReceiver;
import dev.llmcost.it.harness.ReceivedSpan;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * One application run twice on one JDK and one library version: without the agent, then with it,
 * each against its own fresh fake provider (so ids and answers repeat exactly). Keeps both
 * outputs, the spans the instrumented run exported and the requests its provider received.
 */
record InstrumentedRun(String label, JvmResult plain, JvmResult instrumented, List<ReceivedSpan> spans,
    int requests) {

  private static final Duration WAIT = Duration.ofSeconds(10);
  /** A run takes seconds; a machine busy with parallel builds can make it several times slower. */
  private static final Duration RUN_LIMIT = Duration.ofSeconds(60);

  /**
   * @param baseUrl the URL the application is given (OpenAI or Anthropic style)
   * @param calls   how many HTTP calls the application makes, so how many spans are expected
   */
  static InstrumentedRun of(Class<?> app, Jdk jdk, ClientLibraries libraries,
      Function<FakeProvider, String> baseUrl, int calls) {
    String label = app.getSimpleName() + " on "
        + ClientLibraries.testedOn(libraries.classpath().apply(AgentJvm.forMain(app)))
        + ", JDK " + jdk.featureVersion();
    JvmResult plain;
    try (FakeProvider provider = FakeProvider.start()) {
      plain = libraries.classpath().apply(AgentJvm.forMain(app).on(jdk))
          .args(baseUrl.apply(provider)).timeout(RUN_LIMIT).run().assertSuccess();
    }
    try (FakeProvider provider = FakeProvider.start(); OtlpReceiver otlp = OtlpReceiver.start()) {
      JvmResult instrumented = libraries.classpath().apply(AgentJvm.forMain(app).on(jdk))
          .withAgent().exportingTo(otlp).args(baseUrl.apply(provider)).timeout(RUN_LIMIT).run()
          .assertSuccess();
      provider.awaitIdle(WAIT);
      List<ReceivedSpan> spans;
      try {
        spans = otlp.awaitSpans(calls, WAIT);
      } catch (AssertionError missing) {
        // what the agent said at exit (spans it could not export, calls it cut) tells why
        throw new AssertionError(label + ": " + missing.getMessage() + "\n"
            + instrumented.describe(), missing);
      }
      assertEquals(calls, otlp.spans().size(), label + ": one span per HTTP call: " + otlp.spans());
      assertEquals(calls, provider.requests().size(), label + ": requests " + provider.requests());
      assertTrue(provider.failures().isEmpty(), provider.failures().toString());
      return new InstrumentedRun(label, plain, instrumented, spans, provider.requests().size());
    }
  }

  /** The one span whose call site is this method of the application. */
  ReceivedSpan spanFrom(Class<?> app, String method) {
    List<ReceivedSpan> found = spansFrom(app, method);
    assertEquals(1, found.size(), label + ": spans from " + method + ": " + spans);
    return found.get(0);
  }

  List<ReceivedSpan> spansFrom(Class<?> app, String method) {
    String function = app.getName() + "." + method;
    return spans.stream().filter(s -> function.equals(s.stringAttribute("code.function.name"))).toList();
  }

  @Override
  public String toString() {
    return label;
  }
}
