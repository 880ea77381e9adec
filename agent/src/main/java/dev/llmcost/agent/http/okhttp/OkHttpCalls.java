package dev.llmcost.agent.http.okhttp;

import dev.llmcost.agent.AgentLog;
import dev.llmcost.agent.call.CallTracker;
import dev.llmcost.agent.call.LlmCall;
import dev.llmcost.agent.call.ResultUse;
import dev.llmcost.agent.provider.Endpoint;
import dev.llmcost.agent.provider.ResponseParser;
import dev.llmcost.bootstrap.CallRejected;
import dev.llmcost.bootstrap.LlmGuardException;
import dev.llmcost.bootstrap.OkHttpAccess;
import dev.llmcost.bootstrap.OkHttpHooks;

/** The agent's side of {@link OkHttpHooks}: turns OkHttp calls into {@link LlmCall}s. */
public final class OkHttpCalls implements OkHttpHooks.Impl {
  private final CallTracker tracker;
  private final OkHttpBridge bridge = new OkHttpBridge();

  public OkHttpCalls(CallTracker tracker) {
    this.tracker = tracker;
  }

  /** One tracked OkHttp call: the token the hooks carry from start to end. */
  private record Exchange(LlmCall call, OkHttpAccess access, Object okHttpCall) {}

  @Override
  public Object start(Object okHttpCall, boolean synchronous) {
    OkHttpAccess access = bridge.accessFor(okHttpCall.getClass());
    if (access == null || access.isExecuted(okHttpCall)) {
      return null; // a second execute throws in OkHttp before anything is sent
    }
    String host = access.host(okHttpCall);
    int port = access.port(okHttpCall);
    String path = access.encodedPath(okHttpCall);
    Endpoint endpoint = tracker.match(access.method(okHttpCall), access.scheme(okHttpCall), host,
        port, path);
    if (endpoint == null) {
      return null;
    }
    byte[] body = access.requestBody(okHttpCall, tracker.maxRequestBytes());
    LlmCall call;
    try {
      call = tracker.start(endpoint, host, port, path, body, synchronous, true);
    } catch (LlmGuardException refused) {
      return new CallRejected(refused); // the advice skips the call
    }
    if (call == null) {
      return null;
    }
    call.setCancel(() -> access.cancel(okHttpCall));
    return new Exchange(call, access, okHttpCall);
  }

  @Override
  public void refuse(Object rejected, Object call, Object callback) {
    OkHttpAccess access = bridge.accessFor(call.getClass());
    LlmGuardException reason = ((CallRejected) rejected).reason();
    // OkHttp never calls back on the enqueuing thread; neither does a refusal.
    Thread delivery = new Thread(() -> access.fail(callback, call, reason), "llmcost-refused-call");
    delivery.setDaemon(true);
    delivery.start();
  }

  @Override
  public Object wrapCallback(Object token, Object callback) {
    Exchange ex = (Exchange) token;
    try {
      return ex.access.observeCallback(callback, token);
    } catch (Throwable t) {
      ex.call.discard(); // its end would never be seen
      throw t;
    }
  }

  @Override
  public Object end(Object token, Object response, Throwable thrown) {
    Exchange ex = (Exchange) token;
    LlmCall call = ex.call;
    if (response == null) {
      if (ObservedBody.cancelledByApp(ex.access.isCanceled(ex.okHttpCall), thrown)) {
        call.onCancelledByApp();
      } else {
        call.onFailure(thrown);
      }
      return null;
    }
    Object observed;
    try {
      observed = observe(ex, response);
    } catch (Throwable t) {
      AgentLog.failure("observing an OkHttp response", t);
      call.discard(); // its body cannot be seen: no span rather than a wrong one
      return response;
    }
    return observed;
  }

  /**
   * Reports the headers and returns the response with a body that reports what is read of it.
   * The application uses the result by reading that body; if the body becomes unreachable first,
   * the call was abandoned (unless an SDK reads it for a future the application holds, which then
   * decides; the body unread is then read all the same, see below).
   */
  private Object observe(Exchange ex, Object response) {
    int status = ex.access.statusCode(response);
    ResponseParser parser = tracker.newParser(ex.call, ex.access.header(response, "Content-Type"),
        ex.access.header(response, "Content-Encoding"));
    ex.call.onResponseHeaders(status, parser);
    ObservedBody body = new ObservedBody(ex.call, parser, ex.access.contentLength(response),
        status >= 400, () -> ex.access.isCanceled(ex.okHttpCall));
    Object original = ex.access.body(response);
    Object observed = ex.access.observeBody(response, body);
    Object wrapper = ex.access.body(observed);
    if (original == null || wrapper == original) {
      ex.call.markConsumed(); // no body to read: the response itself is the result
      ex.call.onComplete();
    } else {
      // Also when an SDK reads it for a future the application holds (which decides the
      // outcome): if the SDK never does (the application cancelled that future), the body is
      // still read to its end once unreachable, and the call ends with what the provider billed.
      UnreadBody unread = new UnreadBody(ex.access, original, body);
      body.whenDroppedUnread(unread::markAbandoned);
      body.whenClosedUnread(() -> ex.access.drainBriefly(original, body));
      tracker.abandonWatcher().watch(wrapper, unread);
    }
    return observed;
  }

  /**
   * Learns that the application can no longer reach a response body. One never read was
   * abandoned: the rest is read (the provider sent it and bills it whoever reads it; a call
   * cancelled as abandoned fails at once) so that its usage is known, then closed. One partly read
   * was dropped by the application mid-way: it is closed.
   */
  private record UnreadBody(OkHttpAccess access, Object original, ObservedBody body)
      implements ResultUse {
    @Override
    public void markConsumed() {
      // the body reports its own reads
    }

    @Override
    public void markAbandoned() {
      switch (body.onUnreachable()) {
        case DRAIN -> startDaemon("llm-cost-agent-okhttp-drain", () -> access.drain(original, body));
        case CLOSE -> startDaemon("llm-cost-agent-okhttp-close", () -> access.close(original));
        default -> { }
      }
    }

    private static void startDaemon(String name, Runnable work) {
      Thread thread = new Thread(() -> {
        try {
          work.run();
        } catch (Throwable t) {
          AgentLog.failure("ending an unreachable OkHttp body", t);
        }
      }, name);
      thread.setDaemon(true);
      thread.start();
    }
  }

  @Override
  public void bodyBytes(Object body, byte[] bytes) {
    ((ObservedBody) body).onBytes(bytes);
  }

  @Override
  public void bodyEnded(Object body) {
    ((ObservedBody) body).onEnd();
  }

  @Override
  public void bodyFailed(Object body, Throwable thrown) {
    ((ObservedBody) body).onFailure(thrown);
  }

  @Override
  public boolean bodyClosed(Object body) {
    return ((ObservedBody) body).onClose();
  }
}
