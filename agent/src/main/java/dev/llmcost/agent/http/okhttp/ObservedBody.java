package dev.llmcost.agent.http.okhttp;

import dev.llmcost.agent.call.LlmCall;
import dev.llmcost.agent.provider.ResponseParser;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.function.BooleanSupplier;

/**
 * One OkHttp response body as the application reads it. The bytes go to the call as they are
 * read, and the way the reading stops tells the call how the wire ended: at the body's end, by the
 * application closing it early, cancelling the call, or a failure. A body closed once all of its
 * content has arrived (every byte of a Content-Length, or the format's end marker: a JSON document
 * is read by a parser that stops at its closing brace, before the stream reports its end) is
 * complete.
 *
 * <p>The body is also how the application reads the result: reading any of it is using it. A body
 * that becomes unreachable before anything was read was abandoned ({@link #onUnreachable}).
 */
final class ObservedBody {
  private final LlmCall call;
  private final ResponseParser parser;
  private final long contentLength;
  private final boolean errorStatus;
  private final BooleanSupplier callCanceled;
  private long received;
  private boolean read;
  private boolean ended;
  /** The application can no longer reach the body, and the agent is ending it. */
  private boolean unreachable;
  private Runnable droppedUnread;
  private Runnable closedUnread;
  /** The application closed a whole answer unread, and the agent is reading the rest. */
  private boolean readingRestAfterClose;

  /** What is left to do with a body the application can no longer reach. */
  enum Unreachable {
    /** Nothing: its end was already seen. */
    NOTHING,
    /** Never read: abandoned; read the rest for what was billed, then close it. */
    DRAIN,
    /** Partly read and dropped: the application stopped reading; close it. */
    CLOSE
  }

  /**
   * @param contentLength the declared length, or -1
   * @param errorStatus   HTTP >= 400: the call failed whatever the application reads of the body
   * @param callCanceled  whether the OkHttp call was cancelled
   */
  ObservedBody(LlmCall call, ResponseParser parser, long contentLength, boolean errorStatus,
      BooleanSupplier callCanceled) {
    this.call = call;
    this.parser = parser;
    this.contentLength = contentLength;
    this.errorStatus = errorStatus;
    this.callCanceled = callCanceled;
  }

  synchronized void onBytes(byte[] bytes) {
    if (ended) {
      return;
    }
    received += bytes.length;
    markRead();
    call.onBytes(ByteBuffer.wrap(bytes));
    if (allContentArrived()) {
      complete();
    }
  }

  synchronized void onEnd() {
    if (!ended) {
      markRead();
      complete();
    }
  }

  /**
   * The object the application could read the body through was collected. Decides, and reports to
   * the call, how it ended: abandoned when nothing was read, closed early when part was.
   */
  synchronized Unreachable onUnreachable() {
    if (ended || unreachable) {
      return Unreachable.NOTHING;
    }
    unreachable = true;
    if (!read) {
      call.markAbandoned(); // the wire's end comes from draining what is left
      return Unreachable.DRAIN;
    }
    ended = true;
    call.onClosedByApp();
    return Unreachable.CLOSE;
  }

  synchronized void onFailure(Throwable thrown) {
    if (ended) {
      return;
    }
    ended = true;
    if (readingRestAfterClose) {
      call.onClosedByApp(); // the rest did not come within the close's budget: closed, as before
      return;
    }
    if (cancelledByApp(callCanceled.getAsBoolean(), thrown)) {
      call.onCancelledByApp();
    } else {
      call.onFailure(thrown);
    }
  }

  /** What ends a body found unreachable ({@link #onUnreachable} and what its answer asks for). */
  synchronized void whenDroppedUnread(Runnable action) {
    droppedUnread = action;
  }

  /** Reads the rest of a whole answer closed unread, then closes it ({@link #onClose}). */
  synchronized void whenClosedUnread(Runnable action) {
    closedUnread = action;
  }

  /**
   * The body is being closed. Returns true when the agent takes the closing over: a body nobody
   * read, closed by a {@link java.lang.ref.Cleaner} (an SDK closes a stream the application
   * dropped once it is collected), was dropped, not closed early: it is ended as unreachable. A
   * whole answer (not a stream) the application closed unread was generated and billed in full
   * before its headers came: it is abandoned, and the rest, already on its way, is read for the
   * billed usage within the time OkHttp itself would spend discarding it.
   */
  boolean onClose() {
    Runnable dropped;
    synchronized (this) {
      if (ended) {
        return false;
      }
      if (unreachable) {
        return true; // being read to its end (an SDK closes its stream, then the response)
      }
      if (wholeAnswerClosedUnread()) {
        unreachable = true;
        readingRestAfterClose = true;
        call.markAbandoned();
        dropped = closedUnread;
      } else {
        dropped = droppedUnread;
        if (dropped == null || read || !CleanerThreads.isCleaning()) {
          onCloseByApp();
          return false;
        }
      }
    }
    dropped.run();
    return true;
  }

  /**
   * Not a stream, whose close stops the provider generating; not an error, nor an answer an SDK
   * reads for a future the application holds (that future decides).
   */
  private boolean wholeAnswerClosedUnread() {
    return !read && closedUnread != null && !errorStatus && !callCanceled.getAsBoolean()
        && !call.streamed() && !call.readThroughSharedResult() && !allContentArrived();
  }

  private void onCloseByApp() {
    if (callCanceled.getAsBoolean()) {
      ended = true;
      call.onCancelledByApp();
    } else if (errorStatus || allContentArrived()) {
      markRead();
      complete();
    } else {
      ended = true;
      call.onClosedByApp();
    }
  }

  /**
   * A failure on a cancelled call is the cancellation, unless it is OkHttp's call timeout, which
   * cancels the call itself and throws an InterruptedIOException.
   */
  static boolean cancelledByApp(boolean callCanceled, Throwable thrown) {
    return callCanceled && !(thrown instanceof InterruptedIOException);
  }

  /** The application read from the body (unless an SDK reads it for a future the app holds). */
  private void markRead() {
    if (!read) {
      read = true;
      if (!call.readThroughSharedResult()) {
        call.markConsumed();
      }
    }
  }

  private void complete() {
    ended = true;
    call.onComplete();
  }

  private boolean allContentArrived() {
    if (contentLength >= 0 && received >= contentLength) {
      return true;
    }
    synchronized (call) { // the call feeds the parser under its own lock
      return parser != null && parser.info().complete;
    }
  }
}
