package dev.llmcost.agent.http.jdk;

import dev.llmcost.agent.call.LlmCall;
import dev.llmcost.agent.call.TransportCancel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * Stops a JDK HttpClient exchange: before the headers, cancelling the client's future aborts it
 * (JDK 16+); after them, only the body subscription can close the connection.
 */
final class JdkCallCancel implements TransportCancel {
  private volatile CompletableFuture<?> future;
  private volatile Flow.Subscription subscription;

  static JdkCallCancel of(LlmCall call) {
    synchronized (call) {
      TransportCancel existing = call.cancelHandle();
      if (existing instanceof JdkCallCancel jdk) {
        return jdk;
      }
      JdkCallCancel cancel = new JdkCallCancel();
      call.setCancel(cancel);
      return cancel;
    }
  }

  void setFuture(CompletableFuture<?> f) {
    this.future = f;
  }

  void setSubscription(Flow.Subscription s) {
    this.subscription = s;
  }

  @Override
  public void cancel() {
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
    CompletableFuture<?> f = future;
    if (f != null) {
      f.cancel(true);
    }
  }
}
