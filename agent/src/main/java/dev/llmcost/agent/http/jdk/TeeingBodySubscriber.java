package dev.llmcost.agent.http.jdk;

import dev.llmcost.agent.AgentLog;
import dev.llmcost.agent.call.LlmCall;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads duplicates of the body buffers as they pass to the application's subscriber, which
 * receives the very same buffers and subscription signals it would without the agent.
 */
final class TeeingBodySubscriber<T> implements BodySubscriber<T> {
  private final BodySubscriber<T> delegate;
  private final LlmCall call;

  TeeingBodySubscriber(BodySubscriber<T> delegate, LlmCall call) {
    this.delegate = delegate;
    this.call = call;
  }

  @Override
  public CompletionStage<T> getBody() {
    return delegate.getBody();
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    try {
      JdkCallCancel.of(call).setSubscription(subscription);
    } catch (Throwable t) {
      AgentLog.failure("JDK HttpClient subscription", t);
    }
    delegate.onSubscribe(new WatchedSubscription(subscription, call));
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    try {
      for (ByteBuffer item : items) {
        call.onBytes(item.duplicate());
      }
    } catch (Throwable t) {
      AgentLog.failure("reading a JDK HttpClient response body", t);
    }
    delegate.onNext(items);
  }

  @Override
  public void onError(Throwable throwable) {
    try {
      delegate.onError(throwable);
    } finally {
      call.onFailure(throwable);
    }
  }

  @Override
  public void onComplete() {
    try {
      delegate.onComplete();
    } finally {
      call.onComplete();
    }
  }

  /** Tells the call when the application's subscriber stops the body before its end. */
  private static final class WatchedSubscription implements Flow.Subscription {
    private final Flow.Subscription upstream;
    private final LlmCall call;

    WatchedSubscription(Flow.Subscription upstream, LlmCall call) {
      this.upstream = upstream;
      this.call = call;
    }

    @Override
    public void request(long n) {
      upstream.request(n);
    }

    @Override
    public void cancel() {
      try {
        call.onClosedByApp();
      } catch (Throwable t) {
        AgentLog.failure("JDK HttpClient stream close", t);
      }
      upstream.cancel();
    }
  }
}
