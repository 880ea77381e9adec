package dev.llmcost.agent.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.agent.call.AbandonWatcher;
import dev.llmcost.agent.call.CallRecord;
import dev.llmcost.agent.call.CallSite;
import dev.llmcost.agent.call.CallSites;
import dev.llmcost.agent.call.CallTags;
import dev.llmcost.agent.call.CallTracker;
import dev.llmcost.agent.call.LlmCall;
import dev.llmcost.agent.call.Outcome;
import dev.llmcost.agent.context.ApplicationContext;
import dev.llmcost.agent.provider.Endpoint;
import dev.llmcost.agent.provider.Endpoints;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AsyncCallSitesTest {
  private final CallSites callSites = new CallSites();
  private final AsyncCallSites async = new AsyncCallSites(callSites);

  /** Shaped like the SDKs' HttpRequest: a public body() accessor. */
  public static final class Request {
    private final Object body;

    Request(Object body) {
      this.body = body;
    }

    public Object body() {
      return body;
    }
  }

  /** anthropic-java 3 returns the body as an Optional. */
  public static final class OptionalBodyRequest {
    private final Object body;

    OptionalBodyRequest(Object body) {
      this.body = body;
    }

    public Optional<Object> body() {
      return Optional.ofNullable(body);
    }
  }

  @Test
  void aRequestSentFromAnotherThreadCarriesTheSiteWhereItsBodyWasBuilt() throws Exception {
    Object body = new Object();
    async.requestBuilt(new Request(body));
    CallSite builtAt = callSites.applicationFrame();
    assertNotNull(builtAt);

    // the SDK rebuilds the request on its own thread with the same body, then sends it
    assertEquals(builtAt, onAnotherThread(() -> {
      Object token = async.sending(new Request(body));
      CallSite during = callSites.current();
      async.sent(token);
      return callSites.current() == null ? during : null;
    }));
  }

  @Test
  void aBodyWrappedWhileASiteIsCarriedKeepsThatSiteForLaterAttempts() throws Exception {
    Object body = new Object();
    Object wrapped = new Object();
    async.requestBuilt(new Request(body));
    CallSite builtAt = callSites.applicationFrame();

    // the retrying client wraps the body, then a retry is sent later from yet another thread
    onAnotherThread(() -> {
      Object retrying = async.sending(new Request(body));
      async.requestBuilt(new Request(wrapped));
      Object sending = async.sending(new Request(wrapped));
      async.sent(sending);
      CallSite stillCarried = callSites.current();
      async.sent(retrying);
      return stillCarried;
    });
    assertEquals(builtAt, onAnotherThread(() -> {
      Object token = async.sending(new Request(wrapped));
      CallSite during = callSites.current();
      async.sent(token);
      return during;
    }));
  }

  @Test
  void theTagsInForceWhereTheBodyWasBuiltTravelToTheSendingThread() throws Exception {
    Object body = new Object();
    // stands in for LlmCost.tag on this thread (a carried description names its thread)
    String applicationThread = Thread.currentThread().getName();
    CallTags.carry(new CallTags(applicationThread, Map.of("feature", "search")));
    try {
      async.requestBuilt(new Request(body));
    } finally {
      CallTags.carry(null);
    }
    AtomicReference<Object> seen = new AtomicReference<>();
    Thread sdkThread = new Thread(() -> {
      Object token = async.sending(new Request(body));
      CallTags during = CallTags.ofCurrentThread();
      async.sent(token);
      seen.set(List.of(during, CallTags.ofCurrentThread()));
    }, "sdk-sender");
    sdkThread.start();
    sdkThread.join();
    assertEquals(List.of(new CallTags(applicationThread, Map.of("feature", "search")),
        new CallTags("sdk-sender", Map.of())), seen.get(),
        "the application's thread name and tags while sending for it, its own after");
  }

  @Test
  void optionalBodiesAreUnwrapped() throws Exception {
    Object body = new Object();
    async.requestBuilt(new OptionalBodyRequest(body));
    assertNotNull(onAnotherThread(() -> {
      async.sending(new OptionalBodyRequest(body));
      CallSite during = callSites.current();
      callSites.stopCarrying();
      return during;
    }));
  }

  @Test
  void requestsWithoutABodyAreNotRemembered() {
    async.requestBuilt(new Request(null));
    async.requestBuilt(new OptionalBodyRequest(null));
    async.requestBuilt("not a request");
    assertEquals(0, async.remembered());
    assertNull(async.sending(new Request(new Object())));
  }

  @Test
  void aCallSentForAnAsyncMethodTakesItsOutcomeFromTheFutureTheApplicationGot() throws Exception {
    List<CallRecord> settled = new CopyOnWriteArrayList<>();
    CallTracker tracker = new CallTracker(Endpoints.defaults(), settled::add, callSites,
        new AbandonWatcher(), 1 << 20, false, new ApplicationContext(Set.of()));
    AsyncCallSites sdk = new AsyncCallSites(callSites, tracker);
    Object body = new Object();

    Object token = sdk.asyncCallStarting();
    sdk.requestBuilt(new Request(body)); // inside the SDK's async method, on the application's thread
    CompletableFuture<String> sdkFuture = new CompletableFuture<>();
    @SuppressWarnings("unchecked")
    CompletableFuture<String> handedOver =
        (CompletableFuture<String>) sdk.asyncCallReturned(token, sdkFuture);
    assertNotSame(sdkFuture, handedOver);

    // the SDK sends it from its own thread and reads the whole answer there
    AtomicReference<LlmCall> sent = new AtomicReference<>();
    AtomicReference<Object> carriedAfterwards = new AtomicReference<>("not run");
    Thread sender = new Thread(() -> {
      Object sending = sdk.sending(new Request(body));
      Endpoint endpoint = tracker.match("POST", "https", "api.openai.com", 443, "/v1/chat/completions");
      LlmCall call = tracker.start(endpoint, "api.openai.com", 443, "/v1/chat/completions",
          "{\"model\":\"gpt-4o-mini\"}".getBytes(StandardCharsets.UTF_8), false);
      sdk.sent(sending);
      call.onResponseHeaders(200, null);
      call.onComplete();
      sent.set(call);
      carriedAfterwards.set(tracker.carriedResult());
    });
    sender.start();
    sender.join();
    assertNull(carriedAfterwards.get(), "the send carried the result no further");
    assertTrue(sent.get().readThroughSharedResult());
    assertTrue(settled.isEmpty(), "the SDK read the answer; the application has not yet");

    sdkFuture.complete("answer");
    assertEquals("answer", handedOver.join());
    assertEquals(Outcome.CONSUMED, settled.get(0).outcome());
  }

  private static CallSite onAnotherThread(java.util.function.Supplier<CallSite> work) throws Exception {
    AtomicReference<CallSite> result = new AtomicReference<>();
    Thread t = new Thread(() -> result.set(work.get()));
    t.start();
    t.join();
    return result.get();
  }
}
