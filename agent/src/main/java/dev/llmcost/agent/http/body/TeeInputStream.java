package dev.llmcost.agent.http.body;

import dev.llmcost.bootstrap.TrackedCall;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.function.BooleanSupplier;

/**
 * A response body as the application reads it. Each byte the application receives is shown to the
 * call once, after the read, as a view of the application's own array; the body's end completes the
 * call; a close before the end says the application stopped early; a read failure fails the call,
 * or cancels it when the application's own abort caused it.
 */
public final class TeeInputStream extends InputStream {
  private final InputStream in;
  private final TrackedCall call;
  private final long length;
  private final BooleanSupplier abortedByApp;
  private final ClosedEarly closedEarly;
  private long position; // bytes delivered so far, rewound by reset()
  private long shown;    // bytes shown to the call: a reset never shows a byte twice
  private long mark = -1;
  private boolean ended;

  /**
   * @param length the body's length when known (content-length), else -1: reaching it ends the body
   *     even if the application never reads the end-of-stream
   * @param abortedByApp whether an I/O failure came from the application aborting the exchange
   */
  public TeeInputStream(InputStream in, TrackedCall call, long length, BooleanSupplier abortedByApp) {
    this(in, call, length, abortedByApp, (rest, c, readAny) -> c.onClosedByApp());
  }

  /** @param closedEarly what a close before the body's end tells the call (see {@link ClosedEarly}) */
  public TeeInputStream(InputStream in, TrackedCall call, long length, BooleanSupplier abortedByApp,
      ClosedEarly closedEarly) {
    this.in = in;
    this.call = call;
    this.length = length;
    this.abortedByApp = abortedByApp;
    this.closedEarly = closedEarly;
  }

  /**
   * Tells the call that the application closed the body before its end, given the stream the rest
   * would come from, just before that stream is closed, and whether the application had read any
   * of it.
   */
  public interface ClosedEarly {
    void closed(InputStream rest, TrackedCall call, boolean readAny);
  }

  @Override
  public int read() throws IOException {
    int b;
    try {
      b = in.read();
    } catch (IOException | RuntimeException e) {
      failed(e);
      throw e;
    }
    if (b < 0) {
      complete();
    } else {
      delivered(new byte[] {(byte) b}, 0, 1);
    }
    return b;
  }

  @Override
  public int read(byte[] b) throws IOException {
    int n;
    try {
      n = in.read(b);
    } catch (IOException | RuntimeException e) {
      failed(e);
      throw e;
    }
    afterRead(b, 0, n);
    return n;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n;
    try {
      n = in.read(b, off, len);
    } catch (IOException | RuntimeException e) {
      failed(e);
      throw e;
    }
    afterRead(b, off, n);
    return n;
  }

  /** Skipped bytes reach neither the application nor the call. */
  @Override
  public long skip(long n) throws IOException {
    long skipped = in.skip(n);
    if (skipped > 0) {
      position += skipped;
      shown = Math.max(shown, position);
      reachedLength();
    }
    return skipped;
  }

  @Override
  public int available() throws IOException {
    return in.available();
  }

  @Override
  public void mark(int readLimit) {
    in.mark(readLimit);
    mark = position;
  }

  @Override
  public void reset() throws IOException {
    in.reset();
    if (mark >= 0) {
      position = mark;
    }
  }

  @Override
  public boolean markSupported() {
    return in.markSupported();
  }

  @Override
  public void close() throws IOException {
    if (!ended) {
      // Said before the close: some streams drain the rest of the body on close, for as long as
      // the server keeps sending.
      ended = true;
      if (aborted()) {
        call.onCancelledByApp();
      } else {
        closedEarly.closed(in, call, position > 0);
      }
    }
    in.close();
  }

  @Override
  public String toString() {
    return in.toString();
  }

  private void afterRead(byte[] b, int off, int n) {
    if (n < 0) {
      complete();
    } else if (n > 0) {
      delivered(b, off, n);
    }
  }

  private void delivered(byte[] b, int off, int n) {
    long start = position;
    position += n;
    if (ended || position <= shown) {
      return;
    }
    int alreadyShown = (int) Math.max(0, shown - start);
    shown = position;
    call.onBytes(ByteBuffer.wrap(b, off + alreadyShown, n - alreadyShown));
    reachedLength();
  }

  private void reachedLength() {
    if (length >= 0 && position >= length) {
      complete();
    }
  }

  private void complete() {
    if (!ended) {
      ended = true;
      call.onComplete();
    }
  }

  private void failed(Throwable e) {
    if (ended) {
      return;
    }
    ended = true;
    if (aborted()) {
      call.onCancelledByApp();
    } else {
      call.onFailure(e);
    }
  }

  private boolean aborted() {
    try {
      return abortedByApp.getAsBoolean();
    } catch (Throwable t) {
      return false;
    }
  }
}
