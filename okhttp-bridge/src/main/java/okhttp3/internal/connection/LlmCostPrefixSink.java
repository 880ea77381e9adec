package okhttp3.internal.connection;

import java.io.IOException;
import okio.Buffer;
import okio.Sink;
import okio.Timeout;

/** Keeps the first bytes written to it, up to a limit, and drops the rest. */
final class LlmCostPrefixSink implements Sink {
  private final Buffer kept = new Buffer();
  private final long limit;

  LlmCostPrefixSink(long limit) {
    this.limit = limit;
  }

  @Override
  public void write(Buffer source, long byteCount) throws IOException {
    long keep = Math.min(byteCount, limit - kept.size());
    if (keep > 0) {
      source.read(kept, keep);
    }
    source.skip(byteCount - Math.max(keep, 0));
  }

  byte[] bytes() {
    return kept.readByteArray();
  }

  @Override
  public void flush() {
    // nothing buffered here
  }

  @Override
  public Timeout timeout() {
    return Timeout.NONE;
  }

  @Override
  public void close() {
    // nothing to release
  }
}
