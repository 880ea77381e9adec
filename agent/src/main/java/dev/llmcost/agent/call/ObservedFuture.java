package dev.llmcost.agent.call;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The future an asynchronous client hands the application (the JDK's {@code sendAsync}, an SDK's
 * async method), mirroring the client's own, and every stage derived from it. The result counts
 * as read when any future of the chain hands it over (get, join, getNow, resultNow return the
 * value or throw the call's failure; not a wait that timed out, was interrupted or found the
 * future cancelled or still running) or when the application attaches an action that receives
 * it (thenAccept, whenComplete, ...). Transforming stages (thenApply, handle, thenCompose, ...)
 * pass the question on to the future they return. If every future of the chain is collected
 * first, nobody read the result: the call was abandoned.
 *
 * <p>What learns of the reading is a {@link ResultUse}: one call, or the attempts behind one SDK
 * result.
 *
 * <p>While the call is in flight the client's future holds the mirror strongly, exactly as the
 * client holds its own future: {@code allOf}, {@code anyOf} and {@code thenCombine} register on a
 * future without any method we could observe, so a weakly held mirror could vanish under an
 * application still waiting on it. Cancelling the mirror cancels the client's future.
 */
public final class ObservedFuture<T> extends CompletableFuture<T> {
  /** The client's future; null for derived stages. */
  private final CompletableFuture<T> source;
  private final ResultUse call;
  /** Shared by the chain: how many of its futures are still reachable; null when not watched. */
  private final AtomicInteger live;
  private final AbandonWatcher watcher;

  private ObservedFuture(CompletableFuture<T> source, ResultUse call, AbandonWatcher watcher,
      AtomicInteger live) {
    this.source = source;
    this.call = call;
    this.watcher = watcher;
    this.live = live;
    if (watcher != null) {
      watcher.watch(this, call, live);
    }
  }

  /** @param watcher null when nobody but the client itself reads the future (send) */
  public static <T> CompletableFuture<T> mirror(CompletableFuture<T> source, ResultUse call,
      AbandonWatcher watcher) {
    ObservedFuture<T> mirror = new ObservedFuture<>(source, call, watcher, new AtomicInteger());
    source.whenComplete((value, failure) -> {
      if (failure == null) {
        mirror.complete(value);
      } else {
        // As the client's future holds it: wrapped or not, the application's handlers see the
        // same object (get and join unwrap it themselves).
        mirror.completeExceptionally(failure);
      }
    });
    return mirror;
  }

  private void read() {
    call.markConsumed();
  }

  private static void read(CompletionStage<?> stage) {
    if (stage instanceof ObservedFuture<?> other) {
      other.read();
    }
  }

  /** Every derived stage belongs to the chain and is observed the same way. */
  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    return new ObservedFuture<>(null, call, watcher, live);
  }

  /**
   * After a wait that ended with {@code failure}: the application received the call's outcome
   * (its failure) unless the wait timed out (get with a timeout, orTimeout) or the future was
   * cancelled; then it gave up on the result, which may still be collected unread.
   */
  private void readIfOutcome(Throwable failure) {
    Throwable cause = failure instanceof ExecutionException || failure instanceof CompletionException
        ? failure.getCause() : failure;
    if (!(cause instanceof TimeoutException) && !(cause instanceof CancellationException)
        && !(failure instanceof CancellationException)) {
      read();
    }
  }

  @Override
  public T get() throws InterruptedException, ExecutionException {
    T value;
    try {
      value = super.get();
    } catch (ExecutionException | RuntimeException e) {
      readIfOutcome(e);
      throw e;
    }
    read();
    return value;
  }

  @Override
  public T get(long timeout, TimeUnit unit)
      throws InterruptedException, ExecutionException, TimeoutException {
    T value;
    try {
      value = super.get(timeout, unit);
    } catch (ExecutionException | RuntimeException e) {
      readIfOutcome(e);
      throw e;
    }
    read();
    return value;
  }

  @Override
  public T join() {
    T value;
    try {
      value = super.join();
    } catch (RuntimeException e) {
      readIfOutcome(e);
      throw e;
    }
    read();
    return value;
  }

  /** A future still running hands over nothing: polling it is not reading the result. */
  @Override
  public T getNow(T valueIfAbsent) {
    T value;
    try {
      value = super.getNow(valueIfAbsent);
    } catch (RuntimeException e) {
      readIfOutcome(e);
      throw e;
    }
    if (isDone()) {
      read();
    }
    return value;
  }

  /**
   * Future.resultNow (JDK 19+), written against JDK 17's API so it still overrides there; the
   * JDK's own, exceptions and all, does the rest.
   */
  @SuppressWarnings("unchecked")
  public T resultNow() {
    if (isDone() && !isCompletedExceptionally()) {
      read();
    }
    if (SUPER_RESULT_NOW == null) { // JDK 17 and 18: only reflection can get here
      if (!isDone() || isCompletedExceptionally()) {
        throw new IllegalStateException("Task has not completed with a result");
      }
      return super.getNow(null);
    }
    try {
      return (T) SUPER_RESULT_NOW.invoke(this);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t); // resultNow declares no checked exception
    }
  }

  private static final MethodHandle SUPER_RESULT_NOW = superResultNow();

  private static MethodHandle superResultNow() {
    try {
      return MethodHandles.lookup().findSpecial(CompletableFuture.class, "resultNow",
          MethodType.methodType(Object.class), ObservedFuture.class);
    } catch (ReflectiveOperationException e) {
      return null; // JDK 17 and 18
    }
  }

  // Actions that receive the result: attaching one is reading it.

  @Override
  public CompletableFuture<Void> thenAccept(Consumer<? super T> action) {
    read();
    return super.thenAccept(action);
  }

  @Override
  public CompletableFuture<Void> thenAcceptAsync(Consumer<? super T> action) {
    read();
    return super.thenAcceptAsync(action);
  }

  @Override
  public CompletableFuture<Void> thenAcceptAsync(Consumer<? super T> action, Executor executor) {
    read();
    return super.thenAcceptAsync(action, executor);
  }

  @Override
  public CompletableFuture<T> whenComplete(BiConsumer<? super T, ? super Throwable> action) {
    if (!isTimeoutCanceller(action)) {
      read();
    }
    return super.whenComplete(action);
  }

  /** orTimeout and completeOnTimeout attach the JDK's own action, which reads nothing. */
  private static boolean isTimeoutCanceller(Object action) {
    return action != null && action.getClass().getName().equals(TIMEOUT_CANCELLER);
  }

  private static final String TIMEOUT_CANCELLER = CompletableFuture.class.getName() + "$Canceller";

  @Override
  public CompletableFuture<T> whenCompleteAsync(BiConsumer<? super T, ? super Throwable> action) {
    read();
    return super.whenCompleteAsync(action);
  }

  @Override
  public CompletableFuture<T> whenCompleteAsync(BiConsumer<? super T, ? super Throwable> action,
      Executor executor) {
    read();
    return super.whenCompleteAsync(action, executor);
  }

  @Override
  public <U> CompletableFuture<Void> thenAcceptBoth(CompletionStage<? extends U> other,
      BiConsumer<? super T, ? super U> action) {
    read();
    read(other);
    return super.thenAcceptBoth(other, action);
  }

  @Override
  public CompletableFuture<Void> acceptEither(CompletionStage<? extends T> other,
      Consumer<? super T> action) {
    read();
    read(other);
    return super.acceptEither(other, action);
  }

  // Stages that combine this result with another: the other result flows into our chain.

  @Override
  public <U, V> CompletableFuture<V> thenCombine(CompletionStage<? extends U> other,
      java.util.function.BiFunction<? super T, ? super U, ? extends V> fn) {
    read(other);
    return super.thenCombine(other, fn);
  }

  @Override
  public <U, V> CompletableFuture<V> thenCombineAsync(CompletionStage<? extends U> other,
      java.util.function.BiFunction<? super T, ? super U, ? extends V> fn) {
    read(other);
    return super.thenCombineAsync(other, fn);
  }

  @Override
  public <U> CompletableFuture<U> thenCompose(Function<? super T, ? extends CompletionStage<U>> fn) {
    return super.thenCompose(value -> composed(fn.apply(value)));
  }

  @Override
  public <U> CompletableFuture<U> thenComposeAsync(
      Function<? super T, ? extends CompletionStage<U>> fn) {
    return super.thenComposeAsync(value -> composed(fn.apply(value)));
  }

  @Override
  public <U> CompletableFuture<U> thenComposeAsync(
      Function<? super T, ? extends CompletionStage<U>> fn, Executor executor) {
    return super.thenComposeAsync(value -> composed(fn.apply(value)), executor);
  }

  /** A call started inside thenCompose feeds our chain; its result is used as ours is. */
  private static <U> CompletionStage<U> composed(CompletionStage<U> stage) {
    read(stage);
    return stage;
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    if (source != null) {
      source.cancel(mayInterruptIfRunning);
      if (cancelled) {
        call.markCancelled(); // before its result came: the application gave it up
      }
    }
    return cancelled;
  }
}
