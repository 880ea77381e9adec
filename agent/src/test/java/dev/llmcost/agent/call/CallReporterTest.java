package dev.llmcost.agent.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.agent.pricing.PriceBook;
import dev.llmcost.agent.provider.Api;
import dev.llmcost.agent.provider.Endpoint;
import dev.llmcost.agent.provider.RequestInfo;
import dev.llmcost.agent.provider.ResponseInfo;
import dev.llmcost.agent.waste.DuplicateRequests;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class CallReporterTest {
  @Test
  void aCallBeingReportedIsAwaitedUntilItReachesEveryOutput() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<PricedCall> reported = new CopyOnWriteArrayList<>();
    CallReporter reporter = new CallReporter(PriceBook.load(null), new DuplicateRequests(600),
        List.of(call -> {
          entered.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          reported.add(call);
        }));
    CallRecord record = new CallRecord(new Endpoint("openai", Api.OPENAI_CHAT_COMPLETIONS, true),
        "h", 443, RequestInfo.UNKNOWN, new ResponseInfo(), 200, null, Outcome.CONSUMED, 0, 1, -1,
        null, null, 0);
    Thread settling = new Thread(() -> reporter.settled(record));
    settling.start();
    entered.await();
    assertFalse(reporter.awaitReported(System.currentTimeMillis()), "still being reported");
    release.countDown();
    settling.join();
    assertTrue(reporter.awaitReported(System.currentTimeMillis()));
    assertEquals(1, reported.size());
  }
}
