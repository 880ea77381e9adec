package dev.llmcost.agent.http.netty.reactor;

import dev.llmcost.bootstrap.CallTracking;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.util.context.Context;

/**
 * The application's subscriber to a request, unchanged but for one more entry in its context: the
 * request's origin, which Reactor Netty's connection sees as its own context on the event loop.
 * When the subscription ends (completed, failed, cancelled), a concurrency slot the origin holds
 * and no call claimed, because no request was sent, is released.
 */
final class OriginSubscriber<T> implements CoreSubscriber<T> {
  static final String KEY = "llm-cost-agent.origin";

  private final CoreSubscriber<T> actual;
  private final Object origin;
  private final CallTracking tracking;

  OriginSubscriber(CoreSubscriber<T> actual, Object origin, CallTracking tracking) {
    this.actual = actual;
    this.origin = origin;
    this.tracking = tracking;
  }

  @Override
  public Context currentContext() {
    return actual.currentContext().put(KEY, origin);
  }

  @Override
  public void onSubscribe(Subscription s) {
    actual.onSubscribe(new Subscription() {
      @Override
      public void request(long n) {
        s.request(n);
      }

      @Override
      public void cancel() {
        try {
          s.cancel();
        } finally {
          tracking.release(origin);
        }
      }
    });
  }

  @Override
  public void onNext(T t) {
    actual.onNext(t);
  }

  @Override
  public void onError(Throwable t) {
    tracking.release(origin);
    actual.onError(t);
  }

  @Override
  public void onComplete() {
    tracking.release(origin);
    actual.onComplete();
  }

  @Override
  public String toString() {
    return actual.toString();
  }
}
