package dev.llmcost.agent.http.jdk;

import dev.llmcost.agent.AgentLog;
import dev.llmcost.agent.call.CallSink;
import dev.llmcost.agent.call.LlmCall;
import dev.llmcost.bootstrap.JdkHttpHooks;
import java.io.IOException;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Reads duplicates of the body buffers as they pass to the application's subscriber, which
 * receives the very same buffers and subscription signals it would without the agent.
 *
 * <p>The JDK calls {@code getBody()} of a subscriber it does not know on the client's executor
 * (it might block); for its own subscribers ({@code ofString}, {@code ofInputStream}, ...) it
 * calls it in place. This wrapper is judged as the subscriber it wraps
 * ({@link JdkHttpHooks#unwrapSubscriber}, {@link JdkTrustedSubscriberInstrumentation}): its
 * {@code getBody()} only returns the delegate's.
 */
final class TeeingBodySubscriber<T> implements BodySubscriber<T>, JdkHttpHooks.WrappedSubscriber {
  private final BodySubscriber<T> delegate;
  private final LlmCall call;
  /** Set once the delegate got its terminal signal; nothing is forwarded after that. */
  private final AtomicBoolean terminated = new AtomicBoolean();
  /**
   * Held while a signal is passed to the delegate: the client sends them one at a time, and an
   * abort from another thread (the exit, an abandoned call) must not overlap them.
   */
  private final ReentrantLock signals = new ReentrantLock();
  private static final long ABORT_WAIT_MS = 50; // per call: the exit ends calls one after another
  private volatile Flow.Subscription upstream;
  /** The body goes to an application callback: delivering all of it is the consumption. */
  private final boolean handsBodyToApplication;
  /**
   * Each piece goes to the application first and the agent reads a copy after, off its wait:
   * a stream's pieces at once, a whole body once complete (see {@link #readAfterHandOver}).
   * Null when the body is read as it passes.
   */
  private final HeldBody held;
  /**
   * A whole body is handed over before the agent reads and counts it; the application's next
   * call on that thread waits for the count (see {@link dev.llmcost.agent.call.PendingCount}).
   * Off with guard rails, whose spend and slots must be counted before anyone continues.
   */
  private final boolean readAfterHandOver;

  TeeingBodySubscriber(BodySubscriber<T> delegate, LlmCall call, boolean handsBodyToApplication) {
    this(delegate, call, handsBodyToApplication, false, false);
  }

  TeeingBodySubscriber(BodySubscriber<T> delegate, LlmCall call, boolean handsBodyToApplication,
      boolean stream, boolean readAfterHandOver) {
    this.delegate = delegate;
    this.call = call;
    this.handsBodyToApplication = handsBodyToApplication;
    this.readAfterHandOver = readAfterHandOver && !stream;
    this.held = stream || this.readAfterHandOver ? new HeldBody() : null;
  }

  @Override
  public CompletionStage<T> getBody() {
    return delegate.getBody();
  }

  @Override
  public Object wrappedSubscriber() {
    return delegate;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    upstream = subscription;
    delegate.onSubscribe(new WatchedSubscription(subscription, call, this::readHeld));
    try {
      JdkCallCancel.of(call).setSubscriber(this); // after: an abort's onError follows onSubscribe
    } catch (Throwable t) {
      AgentLog.failure("JDK HttpClient subscription", t);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (terminated.get()) {
      return;
    }
    if (held != null) {
      boolean readNow;
      synchronized (held) {
        try {
          held.copy(items);
        } catch (Throwable t) {
          AgentLog.failure("copying a JDK HttpClient response body", t);
        }
        readNow = !readAfterHandOver || held.full(); // a stream's piece at once
      }
      forward(items);
      if (readNow) {
        readHeld();
      }
      return;
    }
    try {
      for (ByteBuffer item : items) {
        call.onBytes(item.duplicate());
      }
    } catch (Throwable t) {
      AgentLog.failure("reading a JDK HttpClient response body", t);
    }
    forward(items);
  }

  /** Passes a piece on, unless an abort has ended the body meanwhile (never after onError). */
  private void forward(List<ByteBuffer> items) {
    signals.lock();
    try {
      if (!terminated.get()) {
        delegate.onNext(items);
      }
    } finally {
      signals.unlock();
    }
  }

  /**
   * Reads the copy of what the application already got. Also run by the application's thread when
   * it closes a stream (the copy of the piece it just read may not be read yet), hence the lock.
   */
  private void readHeld() {
    readHeld(false);
  }

  /** @param last the body ended: the copy's array goes, as the subscriber may live on */
  private void readHeld(boolean last) {
    if (held != null) {
      synchronized (held) {
        try {
          held.feedTo(call);
        } catch (Throwable t) {
          AgentLog.failure("reading a JDK HttpClient response body", t);
        }
        if (last) {
          held.release();
        }
      }
    }
  }

  /** The array kept for the next pieces of the body (tests). */
  int heldCapacity() {
    if (held == null) {
      return 0;
    }
    synchronized (held) {
      return held.capacity();
    }
  }

  @Override
  public void onError(Throwable throwable) {
    if (!terminated.compareAndSet(false, true)) {
      return;
    }
    signals.lock();
    try {
      delegate.onError(throwable);
    } finally {
      signals.unlock();
      readHeld(true);
      call.onFailure(throwable);
    }
  }

  @Override
  public void onComplete() {
    if (!terminated.compareAndSet(false, true)) {
      return;
    }
    if (handsBodyToApplication) {
      call.markConsumed(); // before the delegate completes the future, which may then be dropped
    }
    if (readAfterHandOver) {
      long endedAt = System.nanoTime();
      call.handedOver();
      try {
        completeDelegate();
      } finally {
        readHeld(true);
        settle(endedAt).run();
      }
      return;
    }
    readHeld(true);
    // The call ends (and is priced, when already consumed) before the application gets the end
    // of the body: its next call then sees this one's spend (hard budget), its freed slot, and
    // this one as the request it may repeat (duplicates and retries are judged in order). Its
    // span and metrics are written after, off the application's wait.
    Runnable reportLater = settle(System.nanoTime());
    try {
      completeDelegate();
    } finally {
      reportLater.run();
    }
  }

  private void completeDelegate() {
    signals.lock();
    try {
      delegate.onComplete();
    } finally {
      signals.unlock();
    }
  }

  /** Ends the call and counts it; returns the rest of its reporting (never null). */
  private Runnable settle(long endedAt) {
    try {
      return call.onCompleteReportLater(endedAt);
    } catch (Throwable t) {
      AgentLog.failure("ending a call", t);
      return CallSink.NOTHING;
    }
  }

  /**
   * Stops the body: cancels the subscription (the client closes the connection) and gives the
   * application's subscriber the error it would get from a dropped connection, so a thread
   * blocked reading the body is released instead of waiting forever.
   */
  void abort(IOException reason) {
    Flow.Subscription s = upstream;
    if (s != null) {
      s.cancel();
    }
    // Signals to a subscriber never overlap: wait for one in progress, but not for long, since it
    // runs the application's code (the shutdown sequence calls this).
    boolean serialised;
    try {
      serialised = signals.tryLock(ABORT_WAIT_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (!serialised) {
      return; // the subscription is cancelled; the subscriber is busy in the application's code
    }
    try {
      if (terminated.compareAndSet(false, true)) {
        delegate.onError(reason);
      }
    } finally {
      signals.unlock();
    }
  }

  /** Tells the call when the application's subscriber stops the body before its end. */
  private static final class WatchedSubscription implements Flow.Subscription {
    private final Flow.Subscription upstream;
    private final LlmCall call;
    /** Reads what the application already got before the call ends as closed early. */
    private final Runnable readHeld;

    WatchedSubscription(Flow.Subscription upstream, LlmCall call, Runnable readHeld) {
      this.upstream = upstream;
      this.call = call;
      this.readHeld = readHeld;
    }

    @Override
    public void request(long n) {
      upstream.request(n);
    }

    @Override
    public void cancel() {
      try {
        readHeld.run();
        call.onClosedByApp();
      } catch (Throwable t) {
        AgentLog.failure("JDK HttpClient stream close", t);
      }
      upstream.cancel();
    }
  }
}
