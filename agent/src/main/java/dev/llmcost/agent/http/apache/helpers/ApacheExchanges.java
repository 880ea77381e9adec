package dev.llmcost.agent.http.apache.helpers;

import dev.llmcost.bootstrap.ApacheHttpHooks;
import dev.llmcost.bootstrap.CallRejected;
import dev.llmcost.bootstrap.CallTracking;
import dev.llmcost.bootstrap.LlmGuardException;
import dev.llmcost.bootstrap.TrackedCall;
import java.util.concurrent.Future;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;

/**
 * Turns Apache HttpClient 5 exchanges into tracked calls: one instance per application class
 * loader that holds httpclient5 (see the package notes).
 */
public final class ApacheExchanges implements ApacheHttpHooks.Impl {
  private final CallTracking tracking;

  public ApacheExchanges(CallTracking tracking) {
    this.tracking = tracking;
  }

  @Override
  public Object classicStart(Object client, Object target, Object request) {
    ClassicHttpRequest req = (ClassicHttpRequest) request;
    if (!"POST".equals(req.getMethod())) {
      return null; // every LLM API is a POST: the rest are out after one compare
    }
    Target t = Target.of((HttpHost) target, req);
    Object endpoint = match(req, t);
    if (endpoint == null) {
      return null;
    }
    byte[] body = ClassicRequestBody.read(req.getEntity(), tracking.maxRequestBytes());
    TrackedCall call;
    try {
      call = tracking.startOrRefuse(endpoint, t.host(), t.port(), t.path(), body, true);
    } catch (LlmGuardException refused) {
      return new CallRejected(refused); // the advice skips the call and throws this
    }
    return call == null ? null : new ClassicExchange(call, req);
  }

  @Override
  public Object classicEnd(Object client, Object exchange, Object response, Throwable thrown) {
    return ((ClassicExchange) exchange).end((ClassicHttpResponse) response, thrown);
  }

  @Override
  public Object asyncStart(Object client, Object target, Object requestProducer) {
    AsyncRequest peeked;
    try {
      peeked = AsyncRequest.peek((AsyncRequestProducer) requestProducer);
    } catch (Exception e) {
      return null;
    }
    if (peeked == null) {
      return null;
    }
    HttpRequest req = peeked.request();
    if (!"POST".equals(req.getMethod())) {
      return null;
    }
    Target t = Target.of((HttpHost) target, req);
    Object endpoint = match(req, t);
    if (endpoint == null) {
      return null;
    }
    TrackedCall call;
    try {
      call = tracking.startOrRefuse(endpoint, t.host(), t.port(), t.path(),
          peeked.body(tracking.maxRequestBytes()), false);
    } catch (LlmGuardException refused) {
      return new CallRejected(refused); // the advice skips the call: a failed future instead
    }
    return call == null ? null : new AsyncExchange(call);
  }

  @Override
  @SuppressWarnings("rawtypes")
  public void asyncRefuse(Object client, Object callback, LlmGuardException reason) {
    FutureCallback app = (FutureCallback) callback;
    // The client calls back on its I/O threads, never on the caller's; neither does a refusal.
    Thread delivery = new Thread(() -> app.failed(reason), "llmcost-refused-call");
    delivery.setDaemon(true);
    delivery.start();
  }

  private Object match(HttpRequest request, Target t) {
    return t == null ? null : tracking.match(request.getMethod(), t.scheme(), t.host(), t.port(), t.path());
  }

  private static final String FUTURE_ONLY_CONSUMER =
      "org.apache.hc.client5.http.async.methods.SimpleResponseConsumer";

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Object asyncConsumer(Object client, Object exchange, Object consumer) {
    AsyncExchange ex = (AsyncExchange) exchange;
    // Only the library's SimpleResponseConsumer holds the body for the future alone; any other
    // hands it to the application's code as it arrives (its own consumer, or a library one
    // around its own entity consumer, e.g. BasicResponseConsumer), whatever becomes of the future.
    ex.appConsumer = !consumer.getClass().getName().equals(FUTURE_ONLY_CONSUMER);
    if (ex.appConsumer) {
      ex.call.markConsumed();
    }
    return new TeeingResponseConsumer((AsyncResponseConsumer) consumer, ex);
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Object asyncCallback(Object client, Object exchange, Object callback) {
    AsyncExchange ex = (AsyncExchange) exchange;
    ex.appCallback = callback != null;
    return new ObservedCallback((FutureCallback) callback, ex);
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Object asyncEnd(Object client, Object exchange, Object future, Throwable thrown) {
    AsyncExchange ex = (AsyncExchange) exchange;
    if (thrown != null || future == null) {
      ex.call.onFailure(thrown);
      return future;
    }
    ex.setFuture((Future<?>) future);
    if (!ex.resultOnlyThroughFuture()) {
      return future;
    }
    ObservedFuture observed = new ObservedFuture((Future) future, ex.call);
    ex.call.watchAbandonment(observed);
    return observed;
  }
}
