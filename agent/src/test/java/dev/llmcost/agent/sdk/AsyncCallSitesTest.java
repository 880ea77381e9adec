package dev.llmcost.agent.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.llmcost.agent.call.CallSite;
import dev.llmcost.agent.call.CallSites;
import dev.llmcost.agent.call.CallTags;
import java.util.List;
import java.util.Map;
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
    CallTags.carry(Map.of("feature", "search")); // stands in for LlmCost.tag on this thread
    try {
      async.requestBuilt(new Request(body));
    } finally {
      CallTags.carry(null);
    }
    AtomicReference<Object> seen = new AtomicReference<>();
    Thread sdkThread = new Thread(() -> {
      Object token = async.sending(new Request(body));
      Map<String, String> during = CallTags.current();
      async.sent(token);
      seen.set(List.of(during, CallTags.current()));
    });
    sdkThread.start();
    sdkThread.join();
    assertEquals(List.of(Map.of("feature", "search"), Map.of()), seen.get());
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

  private static CallSite onAnotherThread(java.util.function.Supplier<CallSite> work) throws Exception {
    AtomicReference<CallSite> result = new AtomicReference<>();
    Thread t = new Thread(() -> result.set(work.get()));
    t.start();
    t.join();
    return result.get();
  }
}
