package dev.llmcost.it.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.fake.FakeProvider;
import dev.llmcost.it.apps.ProviderFaultsApp;
import dev.llmcost.it.harness.AgentJvm;
import dev.llmcost.it.harness.JvmResult;
import dev.llmcost.it.harness.OtlpReceiver;
import dev.llmcost.it.harness.ReceivedSpan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every way a provider can answer badly, through the JDK HttpClient, HttpURLConnection, OkHttp 5
 * and Apache HttpClient 5: the
 * application sees byte for byte what it sees without the agent (body lengths and SHA-256, status
 * codes, exception classes), the agent logs at most one line about it and writes one span per call,
 * degraded where the answer was. {@code -Dllmcost.it.faults.long=true} makes the trickle last a
 * minute and the padded answer 200 MB.
 */
class ProviderFaultsIT {
  private static final boolean LONG = Boolean.getBoolean("llmcost.it.faults.long");
  private static final String CHAT = "/v1/chat/completions";
  private static final String MESSAGES = "/v1/messages";
  private static final String GEMINI = "/v1beta/models/gemini-2.0-flash:generateContent";
  private static final String GEMINI_SSE = "/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse";
  private static final Duration WAIT = Duration.ofSeconds(LONG ? 300 : 120);
  private static final int TRANSPORTS = 5;

  /** name|path|stream|x-fake-behaviour */
  static List<String> scenarios() {
    List<String> s = new ArrayList<>(List.of(
        "malformed-json|" + CHAT + "|false|malformed",
        "malformed-sse|" + CHAT + "|true|malformed; chunks=6",
        "malformed-gzip-json|" + MESSAGES + "|false|malformed; gzip",
        "gemini-malformed-sse|" + GEMINI_SSE + "|true|malformed; chunks=4",
        "sse-cut-mid-event|" + CHAT + "|true|cut-after=3; chunks=8",
        "anthropic-sse-cut-mid-event|" + MESSAGES + "|true|cut-after=4; chunks=8",
        "sse-unknown-events|" + CHAT + "|true|unknown-events; chunks=6",
        "anthropic-unknown-events|" + MESSAGES + "|true|unknown-events; chunks=6",
        "early-hints-103|" + CHAT + "|false|interim=103",
        "redirect-307|" + CHAT + "|false|status=307",
        "bad-request-400|" + CHAT + "|false|status=400",
        "unauthorized-401|" + MESSAGES + "|false|status=401",
        "not-found-404|" + GEMINI + "|false|status=404",
        "rate-limited-429|" + CHAT + "|true|status=429; retry-after=0",
        "server-error-500|" + MESSAGES + "|true|status=500",
        "unavailable-503|" + CHAT + "|false|status=503; retry-after=0",
        "overloaded-529|" + MESSAGES + "|false|status=529; retry-after=0",
        "empty-json|" + CHAT + "|false|empty",
        "empty-sse|" + MESSAGES + "|true|empty",
        "reset-mid-json|" + CHAT + "|false|drop-after=0",
        "reset-mid-stream|" + MESSAGES + "|true|drop-after=4; chunks=10",
        "never-answers|" + CHAT + "|false|hang",
        "trickle|" + CHAT + "|true|chunks=" + (LONG ? 600 : 10) + "; chunk-delay=100ms"));
    s.add("huge-json|" + CHAT + "|false|pad=" + (LONG ? "200MB" : "50MB"));
    return s;
  }

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS) // two runs of ~40 s each, on a busy 2-core machine
  void theApplicationSeesExactlyWhatItSeesWithoutTheAgent() throws Exception {
    List<String> scenarios = scenarios();
    JvmResult without = run(AgentJvm.forMain(ProviderFaultsApp.class), null, scenarios);
    try (OtlpReceiver otlp = OtlpReceiver.start()) {
      JvmResult with = run(AgentJvm.forMain(ProviderFaultsApp.class).withAgent(), otlp, scenarios);
      assertEquals(without.stdout(), with.stdout(), "the application's output changed under the agent");
      long hugeBytes = Long.parseLong(with.stdout().lines().filter(l -> l.startsWith("### jdk huge-json 200 "))
          .findFirst().orElseThrow(() -> new AssertionError(with.stdout())).split(" ")[4]);
      assertTrue(hugeBytes > (LONG ? 200 : 50) * 1048576L, "the huge answer arrived whole: " + hugeBytes);

      int calls = TRANSPORTS * scenarios.size();
      List<ReceivedSpan> spans = otlp.awaitSpans(s -> s.hasAttribute("llmcost.outcome"), calls, WAIT);
      assertEquals(calls, spans.size(), "one span per call: " + outcomes(spans));
      List<String> agentLines = with.stderr().lines()
          .filter(l -> l.startsWith("[llm-cost-agent] WARN") || l.startsWith("[llm-cost-agent] ERROR"))
          .toList();
      assertTrue(agentLines.size() <= 1, "at most one line about all these faults: " + agentLines);
      assertFalse(with.stderr().contains("\tat "), "no stack trace: " + with.stderr());
      for (ReceivedSpan s : spans) {
        String outcome = s.stringAttribute("llmcost.outcome");
        assertTrue(outcome.equals("consumed") || outcome.equals("failed"), s.toString());
      }
      System.out.printf("ProviderFaultsIT: %d faults x %d transports survived, %d spans, outcomes %s%n",
          scenarios.size(), TRANSPORTS, spans.size(), outcomes(spans));
    }
  }

  private static Map<String, Long> outcomes(List<ReceivedSpan> spans) {
    return spans.stream().collect(Collectors.groupingBy(s -> s.stringAttribute("llmcost.outcome"),
        TreeMap::new, Collectors.counting()));
  }

  private static JvmResult run(AgentJvm jvm, OtlpReceiver otlp, List<String> scenarios) {
    try (FakeProvider provider = FakeProvider.start()) {
      if (otlp != null) {
        jvm.exportingTo(otlp);
      }
      List<String> args = new ArrayList<>();
      args.add(provider.baseUrl());
      args.addAll(scenarios);
      return jvm.withLibraries("okhttp-jvm-", "okio-jvm-", "kotlin-stdlib-", "httpclient5-", "httpcore5-", "slf4j-api-",
              "reactor-netty-", "reactor-core-", "reactive-streams-", "netty-")
          .args(args.toArray(new String[0])).timeout(WAIT).run().assertSuccess();
    }
  }
}
