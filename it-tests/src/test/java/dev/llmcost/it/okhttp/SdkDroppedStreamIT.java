package dev.llmcost.it.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmcost.fake.FakeProvider;
import dev.llmcost.it.apps.SdkDroppedStreamApp;
import dev.llmcost.it.harness.Jdks;
import dev.llmcost.it.harness.ReceivedSpan;
import org.junit.jupiter.api.Test;

/**
 * An OpenAI SDK stream the application drops unread is closed by the SDK's own cleaner once it is
 * collected, not by the application: it was abandoned, and costs all the provider sent. One the
 * application closes itself without reading was closed early.
 */
class SdkDroppedStreamIT {
  @Test
  void aStreamDroppedUnreadIsAbandonedWithTheUsageTheProviderSent() {
    for (ClientLibraries sdks : ClientLibraries.officialSdks()) {
      InstrumentedRun run = InstrumentedRun.of(SdkDroppedStreamApp.class, Jdks.current(), sdks,
          FakeProvider::openAiBaseUrl, 2);
      assertEquals(run.plain().stdout(), run.instrumented().stdout(), run.label());

      ReceivedSpan dropped = run.spanFrom(SdkDroppedStreamApp.class, "droppedUnread");
      assertEquals("abandoned", dropped.stringAttribute("llmcost.outcome"), run.label() + dropped);
      assertEquals(false, dropped.attribute("llmcost.usage.estimated"), run.label() + dropped);
      Prices.GPT_4O_MINI.assertTokensAndCost(dropped, 2500, 350);
      assertEquals(dropped.attribute("llmcost.cost.usd"), dropped.attribute("llmcost.waste.usd"));

      ReceivedSpan closed = run.spanFrom(SdkDroppedStreamApp.class, "closedUnread");
      assertEquals("stream_closed_early", closed.stringAttribute("llmcost.outcome"), run.label());
    }
  }
}
