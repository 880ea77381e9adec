package dev.llmcost.agent.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.llmcost.agent.pricing.PriceBook;
import dev.llmcost.agent.provider.Api;
import dev.llmcost.agent.provider.Endpoint;
import dev.llmcost.agent.provider.RequestInfo;
import dev.llmcost.agent.waste.DuplicateRequests;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallReporterTest {

  @Test
  void reportersNeverSeeTheApplicationsContextClassLoader() throws Exception {
    List<ClassLoader> seen = new ArrayList<>();
    CallReporter reporter = new CallReporter(PriceBook.loadDefault(), new DuplicateRequests(600),
        List.of(call -> seen.add(Thread.currentThread().getContextClassLoader())));
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    try (URLClassLoader webApp = new URLClassLoader("webapp", new URL[0], null)) {
      thread.setContextClassLoader(webApp);
      reporter.settled(record());
      assertSame(webApp, thread.getContextClassLoader(), "the application's loader is put back");
    } finally {
      thread.setContextClassLoader(before);
    }
    assertEquals(List.of(CallReporter.class.getClassLoader()), seen,
        "whatever a reporter initialises lazily cannot pin a web app's loader");
  }

  @Test
  void aThreadThatRefusesAContextLoaderStillHasItsCallReported() throws Exception {
    List<PricedCall> reported = new ArrayList<>();
    CallReporter reporter = new CallReporter(PriceBook.loadDefault(), new DuplicateRequests(600),
        List.of(reported::add));
    Thread innocuous = new Thread(() -> reporter.settled(record())) {
      @Override
      public void setContextClassLoader(ClassLoader loader) {
        throw new SecurityException("setContextClassLoader"); // as the JDK's InnocuousThread does
      }
    };
    innocuous.start();
    innocuous.join();
    assertEquals(1, reported.size());
  }

  private static CallRecord record() {
    RequestInfo request = new RequestInfo("gpt-4o", false, null, null, null, false, true, null, null);
    return new CallRecord(new Endpoint("openai", Api.OPENAI_CHAT_COMPLETIONS, true), "api.openai.com", 443,
        request, null, 200, null, Outcome.CONSUMED, 0, 1, -1, null, null, 0);
  }
}
