package dev.llmcost.it.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.api.LlmCost;
import dev.llmcost.fake.FakeProvider;
import dev.llmcost.it.apps.TaggedOpenAiApp;
import dev.llmcost.it.harness.AgentJvm;
import dev.llmcost.it.harness.JvmResult;
import dev.llmcost.it.harness.OtlpReceiver;
import dev.llmcost.it.harness.ReceivedSpan;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Tags, and the name of the thread that started the call, reach the official SDK's async calls,
 * which it sends from its own threads.
 */
class TaggedSdkCallsIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void anAsyncSdkCallStartedInATagScopeCarriesItsTags() throws Exception {
    try (FakeProvider provider = FakeProvider.start(); OtlpReceiver otlp = OtlpReceiver.start()) {
      AgentJvm jvm = AgentJvm.forMain(TaggedOpenAiApp.class).withAgent().exportingTo(otlp)
          .withLibraryOf(LlmCost.class).args(provider.openAiBaseUrl()).timeout(Duration.ofSeconds(30));
      JvmResult result = ClientLibraries.officialSdks().get(0).classpath().apply(jvm).run().assertSuccess();
      assertTrue(result.stdout().contains("### async gpt-4o"), result.stdout());
      ReceivedSpan async = otlp.awaitSpan(s -> s.name().equals("chat gpt-4o"), WAIT);
      ReceivedSpan sync = otlp.awaitSpan(s -> s.name().equals("chat gpt-4o-mini"), WAIT);
      // sent from the SDK's own thread, started on the application's: the span names the latter
      assertEquals("main", async.stringAttribute("thread.name"), "the thread that started it");
      assertEquals("summary", async.stringAttribute("llmcost.tag.feature"), "carried to the SDK's thread");
      assertEquals("summary", sync.stringAttribute("llmcost.tag.feature"));
      assertEquals("main", sync.stringAttribute("thread.name"));
    }
  }
}
