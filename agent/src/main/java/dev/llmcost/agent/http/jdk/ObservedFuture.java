package dev.llmcost.agent.http.jdk;

import dev.llmcost.agent.call.AbandonWatcher;
import dev.llmcost.agent.call.LlmCall;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The future {@code sendAsync} hands the application, mirroring the client's own. It notices when
 * the application reads the result (get, join, getNow, or any dependent stage); if the mirror is
 * collected without that, nobody read the result and the call was abandoned. While the call is in
 * flight the client's future holds the mirror strongly, exactly as the client holds its own future:
 * {@code allOf}, {@code anyOf} and {@code thenCombine} register on a future without any method we
 * could observe, so a weakly held mirror could vanish under an application that still waits on it.
 * Cancelling the mirror cancels the client's future.
 */
final class ObservedFuture<T> extends CompletableFuture<T> {
  private final CompletableFuture<T> source;
  private final LlmCall call;
  private volatile boolean observed;

  private ObservedFuture(CompletableFuture<T> source, LlmCall call) {
    this.source = source;
    this.call = call;
  }

  /** @param watcher null when nobody but the client itself reads the future (send) */
  static <T> CompletableFuture<T> mirror(CompletableFuture<T> source, LlmCall call,
      AbandonWatcher watcher) {
    ObservedFuture<T> mirror = new ObservedFuture<>(source, call);
    if (watcher != null) {
      watcher.watch(mirror, call);
    }
    source.whenComplete((value, failure) -> {
      if (failure == null) {
        mirror.complete(value);
      } else {
        mirror.completeExceptionally(failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure);
      }
    });
    return mirror;
  }

  private void observe() {
    if (!observed) {
      observed = true;
      call.markConsumed();
    }
  }
  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    observe();
    return new CompletableFuture<>();
  }

  @Override
  public T get() throws InterruptedException, ExecutionException {
    observe();
    return super.get();
  }

  @Override
  public T get(long timeout, TimeUnit unit)
      throws InterruptedException, ExecutionException, TimeoutException {
    observe();
    return super.get(timeout, unit);
  }

  @Override
  public T join() {
    observe();
    return super.join();
  }

  @Override
  public T getNow(T valueIfAbsent) {
    observe();
    return super.getNow(valueIfAbsent);
  }

  /** Future.resultNow (JDK 19+), written against JDK 17's API so it still overrides there. */
  public T resultNow() {
    observe();
    if (!isDone() || isCompletedExceptionally()) {
      throw new IllegalStateException("Task has not completed with a result");
    }
    return super.getNow(null);
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    source.cancel(mayInterruptIfRunning);
    return cancelled;
  }

}
