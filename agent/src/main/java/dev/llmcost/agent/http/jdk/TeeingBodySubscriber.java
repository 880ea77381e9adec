package dev.llmcost.agent.http.jdk;

import dev.llmcost.agent.AgentLog;
import dev.llmcost.agent.call.AbandonWatcher;
import dev.llmcost.agent.call.CallSink;
import dev.llmcost.agent.call.LlmCall;
import dev.llmcost.bootstrap.JdkHttpHooks;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
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
  /** An event stream: closing it stops the provider generating, so it is never read on. */
  private final boolean stream;
  /** HTTP >= 400: failed whatever the application does with the body. */
  private final boolean errorStatus;
  /** Null when nobody reads the response future for this body (tests). */
  private final ResponseFutureUse futureUse;
  private final AbandonWatcher watcher;
  /**
   * The application can no longer read the body (it closed or dropped it unread) and the agent
   * reads the rest for the billed usage: nothing more goes to the application's subscriber.
   */
  private volatile boolean draining;
  /** The drain began with the application's close: cut short, the body was closed early. */
  private boolean drainAfterClose;
  private long drainedBytes;
  private long drainMaxBytes;
  private volatile ScheduledFuture<?> drainDeadline;

  /** The subscriber whose {@link #getBody()} runs on this thread (see {@link #observe}). */
  private static final ThreadLocal<TeeingBodySubscriber<?>> HANDING_OUT_BODY = new ThreadLocal<>();

  /**
   * A closed answer's rest is read within this long: on the client's threads, the application's
   * close having returned at once (OkHttp's own close, on the application's thread, spends 100 ms
   * discarding a body). A loaded machine may take more than 100 ms over a few tens of kilobytes,
   * and once more than a second (a CI run, 60 KB from a local provider): a provider across a
   * network may well. Nobody waits on it; the connection is held that much longer at most.
   */
  static final long BRIEF_DRAIN_MS = 3000;
  static final long BRIEF_DRAIN_MAX_BYTES = 4L << 20;
  /** A dropped answer's rest is read within bounds: a stalled or endless body keeps nothing. */
  static final long DROPPED_DRAIN_MS = 30L * 60 * 1000;
  static final long DROPPED_DRAIN_MAX_BYTES = 256L << 20;

  TeeingBodySubscriber(BodySubscriber<T> delegate, LlmCall call, boolean handsBodyToApplication) {
    this(delegate, call, handsBodyToApplication, false, false, false, null, null);
  }

  TeeingBodySubscriber(BodySubscriber<T> delegate, LlmCall call, boolean handsBodyToApplication,
      boolean stream, boolean readAfterHandOver) {
    this(delegate, call, handsBodyToApplication, stream, readAfterHandOver, false, null, null);
  }

  /**
   * @param futureUse learns whether the body is an InputStream the agent observes (then the body,
   *                  not the response future, tells whether the result was used)
   * @param watcher   watches that InputStream for collection
   */
  TeeingBodySubscriber(BodySubscriber<T> delegate, LlmCall call, boolean handsBodyToApplication,
      boolean stream, boolean readAfterHandOver, boolean errorStatus, ResponseFutureUse futureUse,
      AbandonWatcher watcher) {
    this.delegate = delegate;
    this.call = call;
    this.handsBodyToApplication = handsBodyToApplication;
    this.stream = stream;
    this.errorStatus = errorStatus;
    this.futureUse = futureUse;
    this.watcher = watcher;
    this.readAfterHandOver = readAfterHandOver && !stream;
    this.held = stream || this.readAfterHandOver ? new HeldBody() : null;
  }

  /**
   * The delegate's stage, unchanged, except that the JDK's InputStream inside it (handed out by
   * {@code HttpResponseInputStream.getBody()}, directly or mapped to lines) comes observed: the
   * advice on that method asks {@link #observe} while this runs.
   */
  @Override
  public CompletionStage<T> getBody() {
    if (futureUse == null) {
      return delegate.getBody();
    }
    TeeingBodySubscriber<?> outer = HANDING_OUT_BODY.get();
    HANDING_OUT_BODY.set(this);
    try {
      return delegate.getBody();
    } finally {
      if (outer == null) {
        HANDING_OUT_BODY.remove();
      } else {
        HANDING_OUT_BODY.set(outer);
      }
      futureUse.futureDecides(); // no-op once the body decides
    }
  }

  /**
   * The stage an {@code HttpResponseInputStream.getBody()} returns: observed if an LLM call's
   * body subscriber is handing it out on this thread, else unchanged.
   */
  @SuppressWarnings("unchecked")
  static Object observe(Object stage) {
    TeeingBodySubscriber<?> tee = HANDING_OUT_BODY.get();
    if (tee == null || !(stage instanceof CompletionStage)) {
      return stage;
    }
    HANDING_OUT_BODY.remove(); // one body per subscriber
    InputStreamBody body = new InputStreamBody(tee.call, tee);
    tee.futureUse.bodyDecides();
    return ((CompletionStage<InputStream>) stage).thenApply(in -> {
      ObservedInputStream observed = new ObservedInputStream(in, body);
      try {
        tee.watcher.watch(observed, body);
      } catch (Throwable t) {
        AgentLog.failure("watching a JDK HttpClient body", t);
      }
      return observed;
    });
  }

  @Override
  public Object wrappedSubscriber() {
    return delegate;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    upstream = subscription;
    delegate.onSubscribe(new WatchedSubscription(subscription, call, this));
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
    if (draining) {
      drain(items);
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
    showNow(items);
    forward(items);
  }

  /** Shows pieces to the call at once: through the held copy where there is one, else directly. */
  private void showNow(List<ByteBuffer> items) {
    try {
      if (held != null) {
        synchronized (held) {
          held.copy(items);
          held.feedTo(call);
        }
      } else {
        for (ByteBuffer item : items) {
          call.onBytes(item.duplicate());
        }
      }
    } catch (Throwable t) {
      AgentLog.failure("reading a JDK HttpClient response body", t);
    }
  }

  /** A piece of a body nobody reads any more: to the parser only, within the drain's bounds. */
  private void drain(List<ByteBuffer> items) {
    long size = 0;
    for (ByteBuffer item : items) {
      size += item.remaining();
    }
    showNow(items);
    boolean tooLong;
    synchronized (this) {
      drainedBytes += size;
      tooLong = drainedBytes > drainMaxBytes;
    }
    if (tooLong) {
      stopDraining();
    }
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
    upstream = null;
    if (draining) {
      endDrain();
      readHeld(true);
      if (drainAfterClose) {
        call.onClosedByApp(); // the rest did not come: closed before its end, as before
      } else {
        call.onFailure(throwable);
      }
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
    // The client's subscription reaches the exchange and the response: once the body has ended
    // the response (and an InputStream body in it) must be collectable as without the agent.
    upstream = null;
    if (draining) { // the application's stream is closed or gone: the call just ends
      endDrain();
      readHeld(true);
      settle(System.nanoTime()).run();
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
   * The application closed its InputStream without reading any of it. A whole answer (not a
   * stream) was generated and billed in full before its headers came: the call is abandoned and
   * the rest, already on its way, is read for the billed usage within {@link #BRIEF_DRAIN_MS}; the
   * JDK's close then cancels nothing ({@link WatchedSubscription}). A stream's close cancels it at
   * once, as before: reading on would have the provider generate more.
   */
  void closedUnread() {
    if (terminated.get()) {
      call.markAbandoned(); // all of it had arrived; nobody read it
      return;
    }
    if (stream || errorStatus || call.readThroughSharedResult()) {
      return;
    }
    if (startDraining(BRIEF_DRAIN_MS, BRIEF_DRAIN_MAX_BYTES, true)) {
      call.markAbandoned();
    }
  }

  /**
   * The application's InputStream was collected unread: abandoned. The rest of a whole answer is
   * read for the billed usage (the provider sent it and bills it anyway); a stream is left as the
   * client left it, waiting for a reader, until the exit (or {@code llmcost.cancel_abandoned})
   * stops it.
   */
  void droppedUnread() {
    call.markAbandoned();
    if (!terminated.get() && !stream && !errorStatus) {
      startDraining(DROPPED_DRAIN_MS, DROPPED_DRAIN_MAX_BYTES, false);
    }
  }

  /**
   * The application read part of the body, then dropped its InputStream: nobody will read the
   * rest. The exchange is stopped, as a close would have, and the call closed early.
   */
  void droppedAfterReading() {
    if (!terminated.compareAndSet(false, true)) {
      return;
    }
    cancelUpstream();
    readHeld(true);
    call.onClosedByApp();
  }

  /** Returns false when the body had already ended. */
  private boolean startDraining(long maxMillis, long maxBytes, boolean afterClose) {
    Flow.Subscription s;
    synchronized (this) {
      if (terminated.get() || draining) {
        return false;
      }
      drainMaxBytes = maxBytes;
      drainAfterClose = afterClose;
      draining = true;
      s = upstream;
    }
    readHeld(); // what the application got before
    drainDeadline = DrainDeadlines.after(maxMillis, this::stopDraining);
    if (terminated.get()) {
      endDrain();
    }
    if (s != null) {
      s.request(Long.MAX_VALUE); // no reader paces it any more
    }
    return true;
  }

  /** The drain's bounds are reached before the body's end: the exchange is stopped. */
  private void stopDraining() {
    if (!terminated.compareAndSet(false, true)) {
      return;
    }
    endDrain();
    cancelUpstream();
    readHeld(true);
    if (drainAfterClose) {
      call.onClosedByApp(); // the rest did not come within the close's budget: closed early
    } else {
      call.onFailure(new IOException("llm-cost-agent stopped reading an abandoned body: too long"));
    }
  }

  /** The body ends here: the client stops the exchange, and the agent lets go of it. */
  private void cancelUpstream() {
    Flow.Subscription s = upstream;
    upstream = null;
    if (s != null) {
      s.cancel();
    }
  }

  private void endDrain() {
    ScheduledFuture<?> deadline = drainDeadline;
    if (deadline != null) {
      deadline.cancel(false);
    }
  }

  /** Whether the application's close of its stream is the agent's to handle (tests). */
  boolean draining() {
    return draining;
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

  /**
   * Tells the call when the application's subscriber stops the body before its end. While the
   * agent reads the rest of a body the application closed unread, the application's cancel stops
   * nothing: the agent ends the exchange itself.
   */
  private static final class WatchedSubscription implements Flow.Subscription {
    private final Flow.Subscription upstream;
    private final LlmCall call;
    private final TeeingBodySubscriber<?> tee;

    WatchedSubscription(Flow.Subscription upstream, LlmCall call, TeeingBodySubscriber<?> tee) {
      this.upstream = upstream;
      this.call = call;
      this.tee = tee;
    }

    @Override
    public void request(long n) {
      upstream.request(n);
    }

    @Override
    public void cancel() {
      try {
        if (tee.draining) {
          return;
        }
        tee.readHeld(); // what the application already got, before the call ends closed early
        call.onClosedByApp();
      } catch (Throwable t) {
        AgentLog.failure("JDK HttpClient stream close", t);
      }
      upstream.cancel();
    }
  }
}
