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
 */
final class ObservedBody {
  private final LlmCall call;
  private final ResponseParser parser;
  private final long contentLength;
  private final boolean errorStatus;
  private final BooleanSupplier callCanceled;
  private long received;
  private boolean ended;

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
    call.onBytes(ByteBuffer.wrap(bytes));
    if (allContentArrived()) {
      complete();
    }
  }

  synchronized void onEnd() {
    if (!ended) {
      complete();
    }
  }

  synchronized void onFailure(Throwable thrown) {
    if (ended) {
      return;
    }
    ended = true;
    if (cancelledByApp(callCanceled.getAsBoolean(), thrown)) {
      call.onCancelledByApp();
    } else {
      call.onFailure(thrown);
    }
  }

  synchronized void onClose() {
    if (ended) {
      return;
    }
    if (callCanceled.getAsBoolean()) {
      ended = true;
      call.onCancelledByApp();
    } else if (errorStatus || allContentArrived()) {
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
