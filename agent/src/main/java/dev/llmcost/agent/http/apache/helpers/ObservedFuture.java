package dev.llmcost.agent.http.apache.helpers;

import dev.llmcost.bootstrap.TrackedCall;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hc.core5.concurrent.Cancellable;

/**
 * The future an async call returns when reading it is the application's only way to the result:
 * {@code get} marks the call consumed, and a future collected unread makes it abandoned. Like the
 * client's own future it is also {@link Cancellable}; every method is the client future's.
 */
final class ObservedFuture<T> implements Future<T>, Cancellable {
  private final Future<T> delegate;
  private final TrackedCall call;

  ObservedFuture(Future<T> delegate, TrackedCall call) {
    this.delegate = delegate;
    this.call = call;
  }

  @Override
  public T get() throws InterruptedException, ExecutionException {
    call.markConsumed();
    return delegate.get();
  }

  @Override
  public T get(long timeout, TimeUnit unit)
      throws InterruptedException, ExecutionException, TimeoutException {
    call.markConsumed();
    return delegate.get(timeout, unit);
  }

  @Override
  public boolean isDone() {
    return delegate.isDone();
  }

  @Override
  public boolean isCancelled() {
    return delegate.isCancelled();
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    return delegate.cancel(mayInterruptIfRunning);
  }

  @Override
  public boolean cancel() {
    return delegate instanceof Cancellable ? ((Cancellable) delegate).cancel() : delegate.cancel(true);
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
