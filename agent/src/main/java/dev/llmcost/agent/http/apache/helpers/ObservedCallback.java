package dev.llmcost.agent.http.apache.helpers;

import org.apache.hc.core5.concurrent.FutureCallback;

/**
 * Stands in for the application's future callback (or for none): the future of every exchange
 * reports through it how the exchange ended, even when it ended before any consumer was involved
 * (a client shut down, a connection refused). A result handed to the application's own callback
 * is in its hands.
 */
final class ObservedCallback<T> implements FutureCallback<T> {
  private final FutureCallback<T> delegate;
  private final AsyncExchange exchange;

  ObservedCallback(FutureCallback<T> delegate, AsyncExchange exchange) {
    this.delegate = delegate;
    this.exchange = exchange;
  }

  @Override
  public void completed(T result) {
    if (delegate != null) {
      exchange.call.markConsumed();
      delegate.completed(result);
    }
  }

  @Override
  public void failed(Exception ex) {
    exchange.failed(ex);
    if (delegate != null) {
      delegate.failed(ex);
    }
  }

  @Override
  public void cancelled() {
    exchange.call.onCancelledByApp();
    if (delegate != null) {
      delegate.cancelled();
    }
  }

  @Override
  public String toString() {
    return String.valueOf(delegate);
  }
}
