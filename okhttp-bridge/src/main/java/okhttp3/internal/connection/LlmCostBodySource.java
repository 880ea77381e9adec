package okhttp3.internal.connection;

import dev.llmcost.bootstrap.OkHttpHooks;
import java.io.IOException;
import okio.Buffer;
import okio.ForwardingSource;
import okio.Source;

/** Passes every read through and reports the bytes it returned, its end, failure or close. */
final class LlmCostBodySource extends ForwardingSource {
  private final Object observer;
  /**
   * The body this source was opened from, or null. Held so that the body stays reachable while
   * anything the application reads through (this source, a stream over it) is: the agent takes
   * the body's collection to mean that nobody can read it any more.
   */
  @SuppressWarnings({"unused", "FieldCanBeLocal"})
  private final Object openedFrom;

  LlmCostBodySource(Source delegate, Object observer, Object openedFrom) {
    super(delegate);
    this.observer = observer;
    this.openedFrom = openedFrom;
  }

  @Override
  public long read(Buffer sink, long byteCount) throws IOException {
    long read;
    try {
      read = super.read(sink, byteCount);
    } catch (Throwable t) {
      OkHttpHooks.bodyFailed(observer, t);
      throw t;
    }
    if (read > 0) {
      OkHttpHooks.bodyBytes(observer, copyOfLast(sink, read));
    } else if (read == -1) {
      OkHttpHooks.bodyEnded(observer);
    }
    return read;
  }

  @Override
  public void close() throws IOException {
    if (OkHttpHooks.bodyClosed(observer)) {
      return; // dropped unread: the agent reads the rest, then closes it
    }
    super.close();
  }

  /** The bytes this read appended to the application's buffer, copied, never consumed. */
  private static byte[] copyOfLast(Buffer sink, long count) {
    try {
      Buffer copy = new Buffer();
      sink.copyTo(copy, sink.size() - count, count);
      return copy.readByteArray();
    } catch (Throwable t) {
      return null; // the hook ignores a null; the application's read is unaffected
    }
  }
}
