package dev.llmcost.agent.http.netty.reactor;

import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.util.context.Context;

/**
 * The application's subscriber to a request, unchanged but for one more entry in its context: the
 * request's origin, which Reactor Netty's connection sees as its own context on the event loop.
 */
final class OriginSubscriber<T> implements CoreSubscriber<T> {
  static final String KEY = "llm-cost-agent.origin";

  private final CoreSubscriber<T> actual;
  private final Object origin;

  OriginSubscriber(CoreSubscriber<T> actual, Object origin) {
    this.actual = actual;
    this.origin = origin;
  }

  @Override
  public Context currentContext() {
    return actual.currentContext().put(KEY, origin);
  }

  @Override
  public void onSubscribe(Subscription s) {
    actual.onSubscribe(s);
  }

  @Override
  public void onNext(T t) {
    actual.onNext(t);
  }

  @Override
  public void onError(Throwable t) {
    actual.onError(t);
  }

  @Override
  public void onComplete() {
    actual.onComplete();
  }

  @Override
  public String toString() {
    return actual.toString();
  }
}
