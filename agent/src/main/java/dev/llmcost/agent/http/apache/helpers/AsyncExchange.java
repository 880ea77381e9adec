package dev.llmcost.agent.http.apache.helpers;

import dev.llmcost.bootstrap.TrackedCall;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Future;

/** One async {@code doExecute} of an LLM call: what its consumer, callback and future report. */
final class AsyncExchange {
  final TrackedCall call;
  /** The application's own consumer receives the body as it arrives: it has the result in hand. */
  boolean appConsumer;
  /** The application passed a callback: that is where it receives the result. */
  boolean appCallback;
  private volatile Future<?> future;

  AsyncExchange(TrackedCall call) {
    this.call = call;
  }

  void setFuture(Future<?> f) {
    future = f;
    call.setCancel(() -> f.cancel(true));
  }

  /** The application reads the result only through the future: watch that it does. */
  boolean resultOnlyThroughFuture() {
    return !appConsumer && !appCallback;
  }

  void failed(Exception cause) {
    Future<?> f = future;
    if (cause instanceof CancellationException || (f != null && f.isCancelled())) {
      call.onCancelledByApp();
    } else {
      call.onFailure(cause);
    }
  }
}
