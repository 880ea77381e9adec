package dev.llmcost.it.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.fake.FakeProvider;
import dev.llmcost.it.harness.AgentJvm;
import dev.llmcost.it.harness.Jdks;
import dev.llmcost.it.harness.JvmResult;
import dev.llmcost.it.harness.OtlpReceiver;
import dev.llmcost.it.harness.ReceivedSpan;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Upfront firing through Spring's {@code @Async} ({@code SpringAsyncApp} of it-tests/spring-ai-app:
 * spring-context 7 with Spring AI's OpenAI chat model, no Spring Boot). Spring runs every
 * {@code @Async} method through the same task lambda and {@code CompletableFuture.supplyAsync}, so
 * the task's class alone cannot tell the checks, whose futures the application reads, from the
 * translations it fires and forgets: the LLM call's site does. Five dropped checks are abandoned
 * while the JVM runs; the read check and the three translations are consumed.
 */
class SpringAsyncIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String APP = "dev.llmcost.it.springai.SpringAsyncApp";

  @Test
  void checksDroppedUnreadAreAbandonedAndTranslationsFiredAndForgottenAreNot() throws Exception {
    try (FakeProvider provider = FakeProvider.start(); OtlpReceiver otlp = OtlpReceiver.start()) {
      JvmResult result = ClientLibraries.springAi().classpath()
          .apply(AgentJvm.forMain(ClientLibraries.springAiAppClass(APP)).on(Jdks.current()))
          .withAgent().exportingTo(otlp).args(provider.baseUrl()).timeout(WAIT).run()
          .assertSuccess();
      assertTrue(result.stdout().contains("### valid false"), result.describe());
      assertTrue(result.stdout().contains("### settled 9"),
          "the dropped futures were judged when collected, not at exit: " + result.describe());

      List<ReceivedSpan> spans = otlp.awaitSpans(s -> s.name().equals("chat gpt-4o-mini"), 9, WAIT);
      Map<String, Map<String, Long>> outcomesBySite = spans.stream().collect(Collectors.groupingBy(
          s -> s.stringAttribute("code.function.name"), Collectors.groupingBy(
              s -> s.stringAttribute("llmcost.outcome"), Collectors.counting())));
      assertEquals(Map.of(
          APP + "$Documents.check", Map.of("consumed", 1L, "abandoned", 5L),
          APP + "$Documents.translate", Map.of("consumed", 3L)), outcomesBySite, spans.toString());
      for (ReceivedSpan s : spans) {
        if ("abandoned".equals(s.stringAttribute("llmcost.outcome"))) {
          Prices.GPT_4O_MINI.assertTokensAndCost(s, 1500, 120);
          assertEquals(Prices.GPT_4O_MINI.cost(1500, 120), s.doubleAttribute("llmcost.waste.usd"), 1e-12);
        }
      }
      List<String> warnings = result.stderr().lines().filter(l -> l.contains("upfront firing")).toList();
      assertEquals(1, warnings.size(), "one warning: " + result.stderr());
      assertTrue(warnings.get(0).contains("upfront firing at " + APP + "$Documents.check("),
          warnings.get(0));
    }
  }
}
