package dev.llmcost.agent.http.jdk;

import dev.llmcost.agent.AgentLog;
import dev.llmcost.agent.call.CallTracker;
import dev.llmcost.agent.call.LlmCall;
import dev.llmcost.agent.call.ObservedFuture;
import dev.llmcost.agent.guard.Guards;
import dev.llmcost.agent.provider.Endpoint;
import dev.llmcost.bootstrap.CallRejected;
import dev.llmcost.bootstrap.JdkHttpHooks;
import dev.llmcost.bootstrap.LlmGuardException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandler;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The agent's side of {@link JdkHttpHooks}: turns JDK HttpClient exchanges into {@link LlmCall}s. */
public final class JdkHttpCalls implements JdkHttpHooks.Impl {
  private final CallTracker tracker;

  public JdkHttpCalls(CallTracker tracker) {
    this.tracker = tracker;
  }

  /**
   * One tracked exchange: the token the hooks carry from start to end. The response future and
   * the body subscriber share what the application's use of the result is judged by.
   */
  private record Exchange(LlmCall call, ResponseFutureUse futureUse) {
    static Exchange of(LlmCall call) {
      return call == null ? null : new Exchange(call, new ResponseFutureUse(call));
    }
  }

  @Override
  public Object start(Object req, boolean synchronous) {
    HttpRequest request = (HttpRequest) req;
    URI uri = request.uri();
    int port = port(uri);
    Endpoint endpoint = tracker.match(request.method(), uri.getScheme(), uri.getHost(), port,
        uri.getRawPath());
    if (endpoint == null) {
      return null;
    }
    try {
      if (tracker.describesLater()) {
        return Exchange.of(
            tracker.startUndescribed(endpoint, uri.getHost(), port, synchronous, true));
      }
      byte[] body = JdkRequestBody.read(request, tracker.maxRequestBytes());
      return Exchange.of(
          tracker.start(endpoint, uri.getHost(), port, uri.getRawPath(), body, synchronous, true));
    } catch (LlmGuardException refused) {
      // the advice skips the send; an interrupted send() throws InterruptedException, as it
      // would without the agent, when its future is still pending and the thread interrupted
      return new CallRejected(synchronous && Guards.isInterrupt(refused)
          ? new InterruptedSend(refused) : refused);
    }
  }

  /** A {@code send()} whose thread was interrupted while it waited for a concurrency slot. */
  private static final class InterruptedSend extends LlmGuardException {
    private static final long serialVersionUID = 1L;

    InterruptedSend(LlmGuardException refused) {
      super(refused.limit(), refused.getMessage());
      initCause(refused.getCause());
    }
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Object wrapHandler(Object token, Object handler) {
    Exchange exchange = (Exchange) token;
    return new TeeingBodyHandler((BodyHandler) handler, exchange.call(), tracker,
        exchange.futureUse());
  }

  @Override
  public Object inputStreamBody(Object stage) {
    return TeeingBodySubscriber.observe(stage);
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Object end(Object token, Object requestObject, Object futureObject, Throwable thrown) {
    if (token instanceof CallRejected rejected) {
      if (rejected.reason() instanceof InterruptedSend) {
        return new CompletableFuture<>(); // send() waits on it, is interrupted, cancels it
      }
      // send() unwraps it into an IOException with this message (and this cause)
      return CompletableFuture.failedFuture(rejected.reason());
    }
    Exchange exchange = (Exchange) token;
    LlmCall call = exchange.call();
    if (!describe(call, (HttpRequest) requestObject)) {
      return futureObject; // not an LLM call after all
    }
    if (thrown != null || futureObject == null) {
      call.onFailure(thrown);
      return futureObject;
    }
    CompletableFuture future = (CompletableFuture) futureObject;
    future.whenComplete((response, failure) -> settleTransport(call, (Throwable) failure));
    // send() reads this future itself (get), which marks the call consumed; sendAsync hands it
    // to the application, which may drop it unread.
    CompletableFuture mirror = ObservedFuture.mirror(future, exchange.futureUse(),
        call.synchronous() ? null : tracker.abandonWatcher());
    JdkCallCancel.of(call).setFutures(future, mirror);
    return mirror;
  }

  /** Reads the request of a call started undescribed, now that the client has sent it on. */
  private boolean describe(LlmCall call, HttpRequest request) {
    if (!call.undescribed()) {
      return true;
    }
    byte[] body = null;
    try {
      body = JdkRequestBody.read(request, tracker.maxRequestBytes());
    } catch (Throwable t) {
      AgentLog.failure("reading a JDK HttpClient request body", t);
    }
    return tracker.describe(call, request.uri().getRawPath(), body);
  }

  private static void settleTransport(LlmCall call, Throwable failure) {
    if (failure == null) {
      return; // the body subscriber reports completion; streaming bodies complete later
    }
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    if (cause instanceof CancellationException) {
      call.onCancelledByApp();
    } else {
      call.onFailure(cause);
    }
  }

  private static int port(URI uri) {
    if (uri.getPort() > 0) {
      return uri.getPort();
    }
    return "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
  }
}
