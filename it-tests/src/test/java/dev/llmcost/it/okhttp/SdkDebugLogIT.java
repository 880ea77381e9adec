package dev.llmcost.it.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmcost.fake.FakeProvider;
import dev.llmcost.it.apps.SdkDebugLogApp;
import dev.llmcost.it.harness.AgentJvm;
import dev.llmcost.it.harness.Jdks;
import dev.llmcost.it.harness.OtlpReceiver;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The agent reads an SDK's request body by writing it once more into memory. The SDKs' debug
 * logging ({@code OPENAI_LOG=debug}) prints a body as it is written (the newest SDKs) or from an
 * OkHttp interceptor (older ones): either way the application's log shows each request once, as
 * without the agent.
 */
class SdkDebugLogIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final List<String> BODIES =
      List.of("Say hi from the OpenAI SDK", "Say hi from the Anthropic SDK");

  @Test
  void theSdksDebugLogShowsEachRequestBodyOnceAsWithoutTheAgent() throws Exception {
    for (ClientLibraries sdks : ClientLibraries.officialSdks()) {
      try (FakeProvider provider = FakeProvider.start(); OtlpReceiver otlp = OtlpReceiver.start()) {
        String without = debugLog(sdks, AgentJvm.forMain(SdkDebugLogApp.class), provider);
        String with = debugLog(sdks, AgentJvm.forMain(SdkDebugLogApp.class).withAgent()
            .exportingTo(otlp), provider);
        for (String body : BODIES) {
          assertEquals(1, occurrences(without, body), sdks + ": " + without);
          assertEquals(1, occurrences(with, body), sdks + ": " + with);
        }
        otlp.awaitSpans(s -> s.hasAttribute("llmcost.cost.usd"), 2, WAIT);
      }
    }
  }

  private static String debugLog(ClientLibraries sdks, AgentJvm jvm, FakeProvider provider) {
    AgentJvm configured = jvm.on(Jdks.current()).env("OPENAI_LOG", "debug")
        .env("ANTHROPIC_LOG", "debug").args(provider.baseUrl()).timeout(WAIT);
    return sdks.classpath().apply(configured).run().assertSuccess().stderr();
  }

  private static int occurrences(String text, String part) {
    int n = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
      n++;
    }
    return n;
  }
}
