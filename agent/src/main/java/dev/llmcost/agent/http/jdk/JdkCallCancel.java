package dev.llmcost.agent.http.jdk;

import dev.llmcost.agent.call.LlmCall;
import dev.llmcost.agent.call.TransportCancel;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.util.concurrent.CompletableFuture;

/**
 * Stops a JDK HttpClient exchange so that the application sees an ordinary {@link IOException},
 * as if the connection had dropped: a reader blocked on the body gets it from its stream, a
 * caller of {@code send} or of the future gets it from there. Then the exchange itself is aborted:
 * before the headers by cancelling the client's future (JDK 16+), after them through the body
 * subscription, which closes the connection.
 */
final class JdkCallCancel implements TransportCancel {
  static final String MESSAGE =
      "LLM call cancelled by llm-cost-agent: the JVM is exiting, or nobody can read the result";

  private volatile CompletableFuture<?> source;
  /** Weak: the registry reaches this handle, and must not keep an unread result alive. */
  private volatile WeakReference<CompletableFuture<?>> mirror = new WeakReference<>(null);
  private volatile TeeingBodySubscriber<?> subscriber;
  /**
   * Set once cancelled: the exit can come while the call is registered but before sendAsync has
   * returned its futures or the answer's subscriber exists; those are stopped as they arrive.
   */
  private volatile IOException cancelledWith;

  static JdkCallCancel of(LlmCall call) {
    synchronized (call) {
      if (call.cancelHandle() instanceof JdkCallCancel jdk) {
        return jdk;
      }
      JdkCallCancel cancel = new JdkCallCancel();
      call.setCancel(cancel);
      return cancel;
    }
  }

  void setFutures(CompletableFuture<?> clientFuture, CompletableFuture<?> applicationFuture) {
    this.source = clientFuture;
    this.mirror = new WeakReference<>(applicationFuture);
    // Once complete it cancels nothing, and it holds the response: an InputStream body the
    // application drops must not stay reachable through the registry of calls in flight.
    clientFuture.whenComplete((value, failure) -> source = null);
    IOException reason = cancelledWith;
    if (reason != null) {
      stopFutures(reason);
    }
  }

  void setSubscriber(TeeingBodySubscriber<?> s) {
    this.subscriber = s;
    IOException reason = cancelledWith;
    if (reason != null) {
      s.abort(reason);
    }
  }

  @Override
  public void cancel() {
    IOException reason = new IOException(MESSAGE);
    cancelledWith = reason;
    TeeingBodySubscriber<?> s = subscriber;
    if (s != null) {
      s.abort(reason);
    }
    stopFutures(reason);
  }

  private void stopFutures(IOException reason) {
    CompletableFuture<?> m = mirror.get();
    if (m != null) {
      m.completeExceptionally(reason);
    }
    CompletableFuture<?> f = source;
    if (f != null) {
      f.cancel(true);
    }
  }
}
