package dev.llmcost.agent.call;

import dev.llmcost.agent.context.TraceParent;
import dev.llmcost.agent.guard.Permit;
import dev.llmcost.agent.provider.Endpoint;
import dev.llmcost.agent.provider.RequestInfo;
import dev.llmcost.agent.provider.ResponseParser;
import dev.llmcost.bootstrap.InFlight;
import dev.llmcost.bootstrap.InFlightCalls;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One LLM call from the moment the application starts it until its outcome is known. Transports
 * report what happens on the wire; the application's use of the result is reported by whatever
 * object it was handed. The call settles exactly once, when both sides have spoken, and is then
 * handed to the {@link CallSink} and forgotten.
 */
public final class LlmCall implements InFlight, ResultUse {
  /** How the transport side ended. */
  enum WireEnd { COMPLETE, FAILED, CANCELLED_BY_APP, CLOSED_BY_APP, CANCELLED_AT_SHUTDOWN, EXITED }

  /** What the application did with the result. */
  enum Disposition { UNKNOWN, CONSUMED, ABANDONED, CANCELLED }

  private final Endpoint endpoint;
  private final String serverAddress;
  private final int serverPort;
  private final boolean synchronous;
  private final CallSink sink;
  private final long startNanos = System.nanoTime();
  private final long startEpochNanos = Clock.epochNanos(startNanos);
  private CallSite callSite;
  /** The request and call site are still to come ({@link #describe}); the call cannot settle yet. */
  private boolean undescribed;
  private final boolean cancelWhenAbandoned;
  /** True once the agent stopped the call because nobody could read its result any more. */
  private boolean cancelledAsAbandoned;

  private RequestInfo request = RequestInfo.UNKNOWN;
  private TraceParent parent;
  private CallTags tags = CallTags.NONE;
  private Permit permit = Permit.NONE;
  private long requestFingerprint;
  private ResponseParser parser;
  private int statusCode;
  private long firstChunkNanos;
  private long endNanos;
  private Throwable error;
  private WireEnd wireEnd;
  private Disposition disposition = Disposition.UNKNOWN;
  private boolean settled;
  /** Run once the outcome can no longer change (see {@link #whenDecided}); null when none. */
  private List<Runnable> whenDecided;
  private volatile TransportCancel cancel;
  /** The result is read through an object fed by several calls (a future), not the transport's. */
  private volatile boolean sharedResult;
  /** The transport's body is read and closed by an SDK, not by the application's own code. */
  private volatile boolean bodyReadBySdk;
  private final PendingCount count = new PendingCount();

  public LlmCall(Endpoint endpoint, String serverAddress, int serverPort, boolean synchronous,
      CallSite callSite, CallSink sink) {
    this(endpoint, serverAddress, serverPort, synchronous, callSite, sink, false);
  }

  /** @param cancelWhenAbandoned stop the call at once if it is abandoned while still running */
  public LlmCall(Endpoint endpoint, String serverAddress, int serverPort, boolean synchronous,
      CallSite callSite, CallSink sink, boolean cancelWhenAbandoned) {
    this(endpoint, serverAddress, serverPort, synchronous, callSite, sink, cancelWhenAbandoned,
        false);
  }

  /** @param undescribed the request and call site come later, with {@link #describe} */
  LlmCall(Endpoint endpoint, String serverAddress, int serverPort, boolean synchronous,
      CallSite callSite, CallSink sink, boolean cancelWhenAbandoned, boolean undescribed) {
    this.undescribed = undescribed;
    this.cancelWhenAbandoned = cancelWhenAbandoned;
    this.endpoint = endpoint;
    this.serverAddress = serverAddress;
    this.serverPort = serverPort;
    this.synchronous = synchronous;
    this.callSite = callSite;
    this.sink = sink;
    InFlightCalls.add(this);
  }

  public Endpoint endpoint() {
    return endpoint;
  }

  public boolean synchronous() {
    return synchronous;
  }

  public synchronized void setRequest(RequestInfo info) {
    this.request = info != null ? info : RequestInfo.UNKNOWN;
  }

  synchronized void setRequestFingerprint(long fingerprint) {
    this.requestFingerprint = fingerprint;
  }

  /** Whether the request and call site are still to come ({@link CallTracker#describe}). */
  public synchronized boolean undescribed() {
    return undescribed;
  }

  /** Where the application made the call; null until described, or when no frame was its. */
  synchronized CallSite callSite() {
    return callSite;
  }

  /**
   * The request and call site of a call started without them; settles the call if it ended (and
   * was read) meanwhile, on this thread.
   */
  void describe(CallSite site, RequestInfo info, long fingerprint) {
    CallRecord record;
    synchronized (this) {
      if (!undescribed) {
        return;
      }
      undescribed = false;
      callSite = site;
      request = info != null ? info : RequestInfo.UNKNOWN;
      requestFingerprint = fingerprint;
      record = settleIfReady();
      releaseIfDecided();
    }
    deliver(record);
  }

  public synchronized void setParent(TraceParent applicationSpan) {
    this.parent = applicationSpan;
  }

  /** The concurrency slot this call holds until its exchange ends. */
  synchronized void setPermit(Permit granted) {
    this.permit = granted;
  }

  synchronized void setTags(CallTags callTags) {
    this.tags = callTags;
  }

  public synchronized RequestInfo request() {
    return request;
  }

  /**
   * The whole body goes to the application now, before the agent reads its copy and counts the
   * call (with {@link #onCompleteReportLater(long)}, on this thread): an exit in between treats
   * the call as ended on the wire, and the application's next call waits for the count.
   */
  public void handedOver() {
    count.handedOver();
  }

  PendingCount pendingCount() {
    return count;
  }

  /** Whether the answer comes as a stream (as the request asked, or the endpoint always does). */
  public synchronized boolean streamed() {
    return CallRecord.streamed(endpoint, request);
  }

  /** Drops a call that turned out not to be an LLM call (a path-only match with a foreign body). */
  public void discard() {
    synchronized (this) {
      settled = true;
      releaseIfDecided();
    }
    permit.release();
    InFlightCalls.remove(this);
  }

  /**
   * The way to stop this call's exchange. A transport may hand it over only after the call is
   * registered (the JDK client once sendAsync returns): if the exit cancelled the call meanwhile,
   * the exchange is stopped now, or it would stream on while the exit waits for it.
   */
  public void setCancel(TransportCancel transportCancel) {
    this.cancel = transportCancel;
    boolean cancelledAlready;
    synchronized (this) {
      cancelledAlready = wireEnd == WireEnd.CANCELLED_AT_SHUTDOWN;
    }
    if (cancelledAlready) {
      stopExchange(transportCancel, "cancel at shutdown");
    }
  }

  /** Stops the exchange; a transport's failure to stop is logged, never thrown at the caller. */
  private static void stopExchange(TransportCancel c, String what) {
    try {
      c.cancel();
    } catch (Throwable t) {
      dev.llmcost.agent.AgentLog.failure(what, t);
    }
  }

  /**
   * Whether the application reads this call's result through an SDK's future (a
   * {@link SharedResult}, which marks it), while the SDK reads and closes what the transport
   * handed over on its behalf: then neither a read nor a close of the body is the application's.
   */
  public boolean readThroughSharedResult() {
    return bodyReadBySdk;
  }

  /**
   * @param bodyReadBySdk true for an SDK's future; false for an executor task's, whose code
   *     (the application's) reads the body: its close unread still abandons the call
   */
  void joinSharedResult(SharedResult result, boolean bodyReadBySdk) {
    sharedResult = true;
    this.bodyReadBySdk = bodyReadBySdk;
    result.join(this);
  }

  public TransportCancel cancelHandle() {
    return cancel;
  }

  public synchronized void onResponseHeaders(int status, ResponseParser responseParser) {
    this.statusCode = status;
    this.parser = responseParser;
  }

  /** Body bytes as they flow to the application; the buffer is not modified. */
  public synchronized void onBytes(ByteBuffer bytes) {
    if (settled || parser == null || !bytes.hasRemaining()) {
      return;
    }
    if (firstChunkNanos == 0) {
      firstChunkNanos = System.nanoTime();
    }
    parser.onBytes(bytes);
  }

  public void onComplete() {
    wireEnded(WireEnd.COMPLETE, null);
  }

  /**
   * As {@link #onComplete()}, for a transport that hands the whole body to the application itself,
   * the body having arrived whole at {@code endNanos}: the call is settled and its spend counted
   * now; its span and metrics are left to the returned task, which the transport runs once the
   * application has the body (never null, runs once).
   */
  public Runnable onCompleteReportLater(long endNanos) {
    CallRecord record;
    Runnable later = CallSink.NOTHING;
    try {
      record = endWire(WireEnd.COMPLETE, null, endNanos);
      if (record == null) {
        return CallSink.NOTHING;
      }
      try {
        later = sink.accountNowReportLater(record);
      } catch (Throwable t) {
        dev.llmcost.agent.AgentLog.failure("reporting a call", t);
      }
    } finally {
      count.counted();
    }
    Runnable rest = later;
    return () -> {
      try {
        rest.run();
      } catch (Throwable t) {
        dev.llmcost.agent.AgentLog.failure("reporting a call", t);
      } finally {
        InFlightCalls.remove(this); // see deliver
      }
    };
  }

  public void onFailure(Throwable t) {
    wireEnded(WireEnd.FAILED, t);
  }

  /** The application cancelled the call (future cancel, interrupt) before its result arrived. */
  public void onCancelledByApp() {
    wireEnded(WireEnd.CANCELLED_BY_APP, null);
  }

  /** The application closed the response stream before its end. */
  public void onClosedByApp() {
    wireEnded(WireEnd.CLOSED_BY_APP, null);
  }

  /**
   * The application has the result in hand (or arranged to receive it). Said by a transport of a
   * call whose result is read through a {@link SharedResult}, it is the SDK or the task reading
   * for the one who holds the future: the shared result decides instead.
   */
  @Override
  public void markConsumed() {
    if (!sharedResult) {
      disposition(Disposition.CONSUMED);
    }
  }

  /** What the application did with the {@link SharedResult} this call feeds. */
  void sharedResultDecided(Disposition decided) {
    disposition(decided);
  }

  /** The object that carried the result became unreachable without being read, or the JVM exits. */
  @Override
  public void markAbandoned() {
    disposition(Disposition.ABANDONED);
  }

  /**
   * The application closed the body of a response it had been handed without reading any of it:
   * the result was not used after all, although a synchronous client's hand-over of the response
   * marked it consumed. Abandoned, unless the call has already settled.
   */
  public void closedUnread() {
    synchronized (this) {
      if (disposition == Disposition.CONSUMED && !settled) {
        disposition = Disposition.ABANDONED;
        return;
      }
    }
    markAbandoned();
  }

  @Override
  public void markCancelled() {
    disposition(Disposition.CANCELLED);
  }

  @Override
  public boolean cancelAtShutdown() {
    if (!isReceiving()) {
      return disposition(Disposition.ABANDONED);
    }
    TransportCancel c = cancel;
    wireEnded(WireEnd.CANCELLED_AT_SHUTDOWN, null);
    if (c != null) {
      stopExchange(c, "cancel at shutdown");
    }
    return true;
  }

  @Override
  public boolean abandonAtExit() {
    if (!isReceiving()) {
      return disposition(Disposition.ABANDONED);
    }
    wireEnded(WireEnd.EXITED, null);
    return true;
  }

  @Override
  public boolean isReceiving() {
    return !isWireEnded() && !count.isHandedOver();
  }

  /** Stops the transport without deciding the outcome (used for abandoned calls). */
  public void cancelTransport() {
    TransportCancel c = cancel;
    if (c != null) {
      c.cancel();
    }
  }

  public synchronized boolean isWireEnded() {
    return wireEnd != null;
  }

  private void wireEnded(WireEnd end, Throwable t) {
    deliver(endWire(end, t, System.nanoTime()));
  }

  /** Records how the exchange ended; returns the settled record, or null if not settled yet. */
  private synchronized CallRecord endWire(WireEnd end, Throwable t, long endedNanos) {
    if (wireEnd != null || settled) {
      return null;
    }
    wireEnd = end;
    permit.release(); // the exchange is over: the next waiting call may go
    error = t;
    endNanos = endedNanos;
    if (parser != null) {
      parser.onEnd();
    }
    CallRecord record = settleIfReady();
    releaseIfDecided();
    return record;
  }

  /** Returns false when the disposition was already decided. */
  private boolean disposition(Disposition d) {
    CallRecord record;
    boolean stop;
    synchronized (this) {
      if (disposition != Disposition.UNKNOWN || settled) {
        return false;
      }
      disposition = d;
      // Nobody can read the result any more: with llmcost.cancel_abandoned, stop paying for it.
      stop = d != Disposition.CONSUMED && wireEnd == null && cancelWhenAbandoned && cancel != null;
      cancelledAsAbandoned = stop;
      record = settleIfReady();
      releaseIfDecided();
    }
    deliver(record);
    if (stop) {
      stopExchange(cancel, "cancelling an abandoned call"); // nobody can read the result
    }
    return true;
  }

  @Override
  public void whenDecided(Runnable release) {
    synchronized (this) {
      if (!settled && disposition == Disposition.UNKNOWN) {
        if (whenDecided == null) {
          whenDecided = new ArrayList<>(1);
        }
        whenDecided.add(release);
        return;
      }
    }
    release.run();
  }

  /** Under the lock: once settled or read (or dropped), the outcome is fixed; watchers may go. */
  private void releaseIfDecided() {
    if (whenDecided == null || (!settled && disposition == Disposition.UNKNOWN)) {
      return;
    }
    List<Runnable> releases = whenDecided;
    whenDecided = null;
    for (Runnable release : releases) {
      try {
        release.run();
      } catch (Throwable t) {
        dev.llmcost.agent.AgentLog.failure("releasing a watch", t);
      }
    }
  }

  /** Settles once the outcome is decided; runs under the lock, returns null if not yet. */
  private CallRecord settleIfReady() {
    if (settled || wireEnd == null || undescribed) {
      return null;
    }
    Outcome outcome = outcome();
    if (outcome == null) {
      return null;
    }
    settled = true;
    CallRecord record = new CallRecord(endpoint, serverAddress, serverPort, request,
        parser != null ? parser.info() : null, statusCode, error, outcome,
        startEpochNanos, Clock.epochNanos(endNanos),
        firstChunkNanos == 0 ? -1 : firstChunkNanos - startNanos, callSite, parent, requestFingerprint, tags,
        permit.limited() ? permit.waitNanos() : -1);
    parser = null; // the record keeps what it needs; the call may outlive it in a watcher
    request = request.withoutText(); // or in the application's future: not its prompt
    return record;
  }

  private Outcome outcome() {
    // An error answer is failed whatever became of its body (closed unread, never touched, cut at
    // exit): nothing was generated that the application could have used.
    if (statusCode >= 400) {
      return Outcome.FAILED;
    }
    if (parser != null && parser.info().errorType != null) {
      return Outcome.FAILED; // the provider's error in a 200's body: a stream's error event
    }
    if (disposition == Disposition.CANCELLED) {
      return Outcome.CANCELLED; // whatever the exchange did after (an SDK's goes on and is billed)
    }
    if (cancelledAsAbandoned) {
      return Outcome.ABANDONED; // the transport error that follows is our own doing
    }
    if (disposition == Disposition.ABANDONED
        && (wireEnd == WireEnd.CANCELLED_AT_SHUTDOWN || wireEnd == WireEnd.EXITED)) {
      return Outcome.ABANDONED; // dropped by the application before the exit stopped it
    }
    switch (wireEnd) {
      case CANCELLED_AT_SHUTDOWN:
        return Outcome.CANCELLED_AT_SHUTDOWN;
      case CANCELLED_BY_APP:
        return Outcome.CANCELLED;
      case CLOSED_BY_APP:
        return Outcome.STREAM_CLOSED_EARLY;
      case FAILED:
        return Outcome.FAILED;
      case EXITED:
        return Outcome.ABANDONED;
      default:
        if (disposition == Disposition.CONSUMED) {
          return Outcome.CONSUMED;
        }
        return disposition == Disposition.ABANDONED ? Outcome.ABANDONED : null;
    }
  }

  private void deliver(CallRecord record) {
    if (record == null) {
      return;
    }
    try {
      sink.settled(record);
    } catch (Throwable t) {
      dev.llmcost.agent.AgentLog.failure("reporting a call", t);
    } finally {
      // Only now: the exit waits for calls in flight, and one still being priced (the first
      // estimate loads a tokenizer) must reach the run report and the exporter.
      InFlightCalls.remove(this);
    }
  }
}
