package dev.llmcost.it.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.llmcost.fake.FakeProvider;
import dev.llmcost.fake.RecordedRequest;
import dev.llmcost.it.apps.SecretsApp;
import dev.llmcost.it.harness.AgentJvm;
import dev.llmcost.it.harness.JvmResult;
import dev.llmcost.it.harness.ListeningSockets;
import dev.llmcost.it.harness.OtlpReceiver;
import dev.llmcost.it.harness.RawExport;
import dev.llmcost.it.harness.RunningJvm;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plants recognisable API keys everywhere an application puts them (headers of every kind, query
 * strings, the environment, a system property) in calls through four transports, then searches
 * every byte the agent let out: each OTLP export (as sent and gunzipped), the child's stdout and
 * stderr at debug level, and the JSON run report. Also checks that the agent opens no listening
 * socket.
 */
class SecretsIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  /** Every planted key holds this marker, so a partial or re-encoded leak is found as well. */
  private static final String MARKER = "PLANTED";
  private static final Map<String, String> KEYS = Map.of(
      "OPENAI_API_KEY", "sk-proj-PLANTED-openai-4f1c9e2a",
      "ANTHROPIC_API_KEY", "sk-ant-api03-PLANTED-anthropic-77d2",
      "AZURE_OPENAI_API_KEY", "PLANTEDazure0b8e31",
      "GEMINI_API_KEY", "AIzaSyPLANTED-gemini-5a6b");

  @TempDir
  Path dir;

  @Test
  void noPlantedKeyLeavesTheProcessThroughTheAgentAndNoSocketIsOpenedForListening() throws Exception {
    assumeTrue(ListeningSockets.supported(), "needs Linux /proc");
    Path report = dir.resolve("report.json");
    try (FakeProvider provider = FakeProvider.start(); OtlpReceiver otlp = OtlpReceiver.start()) {
      AgentJvm jvm = AgentJvm.forMain(SecretsApp.class).withAgent()
          .withLibraries("okhttp-jvm-", "okio-jvm-", "kotlin-stdlib-", "httpclient5-", "httpcore5-", "slf4j-api-")
          .exportingTo(otlp)
          .env(KEYS)
          .systemProperty("llmcost.log.level", "debug")
          .systemProperty("llmcost.report.file", report.toString())
          .systemProperty("app.token", "PLANTED-system-property")
          .args(provider.baseUrl(), Integer.toString(closedPort()));
      JvmResult result;
      Set<Integer> listening;
      try (RunningJvm child = jvm.start()) {
        child.awaitStdout("ready", WAIT);
        otlp.awaitSpans(s -> s.hasAttribute("llmcost.outcome"), 11, WAIT);
        listening = ListeningSockets.ports(child.pid());
        child.writeLine("stop");
        result = child.awaitExit(WAIT).assertSuccess();
      }
      assertEquals(Set.of(), listening, "the agent listens on no port");
      assertTrue(ListeningSockets.ports(ProcessHandle.current().pid()).contains(provider.port()),
          "the check itself finds a listening socket (the fake provider's, in this JVM)");
      assertTrue(Files.isRegularFile(report), "the run report was written: " + result.describe());
      assertKeysWereSent(provider.requests());

      Map<String, byte[]> exported = new LinkedHashMap<>();
      List<RawExport> exports = otlp.exports();
      for (int i = 0; i < exports.size(); i++) {
        exported.put("OTLP export " + i + " " + exports.get(i).path() + " as sent", exports.get(i).body());
        exported.put("OTLP export " + i + " " + exports.get(i).path() + " decoded", exports.get(i).decoded());
      }
      exported.put("stdout", result.stdout().getBytes(StandardCharsets.UTF_8));
      exported.put("stderr", result.stderr().getBytes(StandardCharsets.UTF_8));
      exported.put("run report", Files.readAllBytes(report));

      List<String> leaks = new ArrayList<>();
      long searched = 0;
      for (Map.Entry<String, byte[]> e : exported.entrySet()) {
        searched += e.getValue().length;
        for (String needle : needles()) {
          if (contains(e.getValue(), needle)) {
            leaks.add(needle + " in " + e.getKey());
          }
        }
      }
      assertTrue(exports.stream().anyMatch(e -> e.path().equals("/v1/metrics")), "metrics were searched too");
      assertTrue(exports.stream().anyMatch(e -> contains(e.decoded(), "gemini-2.0-flash")),
          "the search finds what is exported (the model of the query-string calls)");
      assertTrue(result.stderr().contains("[llm-cost-agent]"), "the agent's log was searched too");
      assertEquals(List.of(), leaks, "planted keys found in what the agent let out");
      System.out.printf("SecretsIT: %d bytes searched (%d OTLP exports, stdout, stderr, run report), "
          + "%d spans, 0 keys found%n", searched, exports.size(), otlp.spans().size());
    }
  }

  /** Proves the keys were on the wire: a test that planted nothing would find nothing. */
  private static void assertKeysWereSent(List<RecordedRequest> requests) {
    StringBuilder wire = new StringBuilder();
    for (RecordedRequest r : requests) {
      wire.append(r.target()).append(' ').append(r.headers()).append('\n');
    }
    for (String key : KEYS.values()) {
      assertTrue(wire.toString().contains(key), key + " was sent to the provider:\n" + wire);
    }
  }

  private static List<String> needles() {
    List<String> all = new ArrayList<>(KEYS.values());
    all.add(MARKER);
    all.add(MARKER.toLowerCase());
    return all;
  }

  private static boolean contains(byte[] haystack, String needle) {
    byte[] n = needle.getBytes(StandardCharsets.UTF_8);
    outer:
    for (int i = 0; i <= haystack.length - n.length; i++) {
      for (int j = 0; j < n.length; j++) {
        if (haystack[i + j] != n[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /** A loopback port nobody listens on: connecting is refused. */
  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
