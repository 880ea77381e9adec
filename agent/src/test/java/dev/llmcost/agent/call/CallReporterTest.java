package dev.llmcost.agent.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.llmcost.agent.pricing.PriceBook;
import dev.llmcost.agent.provider.Api;
import dev.llmcost.agent.provider.Endpoint;
import dev.llmcost.agent.provider.RequestInfo;
import dev.llmcost.agent.provider.ResponseInfo;
import dev.llmcost.agent.usage.Usage;
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

  @Test
  void anAnswerNamingAnUnpricedRevisionIsBilledAsTheModelRequested() {
    CallReporter reporter = new CallReporter(PriceBook.loadDefault(), new DuplicateRequests(600),
        List.of());
    // Gemini may answer with a preview name; the table prices the model asked for.
    PricedCall call = reporter.price(answered("gemini-2.5-flash", "gemini-2.5-flash-preview-09-2025"));
    // gemini-2.5-flash: $0.30/M in, $2.50/M out → 1,000,000 × 0.30 + 100,000 × 2.50 = $0.55
    assertEquals(0.55, call.cost().totalUsd(), 1e-9);
    assertEquals("gemini-2.5-flash", call.billedModel());
    assertEquals("bundled 2026-11-23 gcp.gemini/gemini-2.5-flash", call.cost().source());
    // A priced answer wins: a dated snapshot of its own price, or the model behind a deployment.
    assertEquals("bundled 2026-11-23 openai/gpt-4o-2024-05-13", reporter.price(
        answered("gpt-4o", "gpt-4o-2024-05-13")).cost().source());
    assertEquals("bundled 2026-11-23 openai/gpt-4o-mini", reporter.price(
        answered("my-deployment", "gpt-4o-mini-2024-07-18")).cost().source());
  }

  private static CallRecord answered(String requested, String answered) {
    boolean gemini = requested.startsWith("gemini");
    RequestInfo request = new RequestInfo(requested, false, null, null, null, false, true, null, null);
    ResponseInfo response = new ResponseInfo();
    response.model = answered;
    response.complete = true;
    response.usage = new Usage(1_000_000, 100_000, 0, 0, 0, 0, false);
    return new CallRecord(new Endpoint(gemini ? "gcp.gemini" : "openai",
        gemini ? Api.GEMINI_GENERATE_CONTENT : Api.OPENAI_CHAT_COMPLETIONS, true), "h", 443,
        request, response, 200, null, Outcome.CONSUMED, 0, 1, -1, null, null, 0);
  }

  private static CallRecord record() {
    RequestInfo request = new RequestInfo("gpt-4o", false, null, null, null, false, true, null, null);
    return new CallRecord(new Endpoint("openai", Api.OPENAI_CHAT_COMPLETIONS, true), "api.openai.com", 443,
        request, null, 200, null, Outcome.CONSUMED, 0, 1, -1, null, null, 0);
  }
}
