package dev.llmcost.agent.http.body;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A copy of the first bytes of a request body as the application writes it (enough to learn the
 * model and parameters), held apart from the stream it was written to.
 */
public final class BodyCopy {
  private final int maxBytes;
  private byte[] bytes = new byte[256];
  private int size;

  public BodyCopy(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** What was written so far, up to the bound. */
  public synchronized byte[] bytes() {
    return Arrays.copyOf(bytes, size);
  }

  /** How many more bytes it keeps. */
  public synchronized int room() {
    return maxBytes - size;
  }

  public synchronized void keep(byte[] b, int off, int len) {
    int n = Math.min(len, maxBytes - size);
    if (n <= 0) {
      return;
    }
    makeRoom(n);
    System.arraycopy(b, off, bytes, size, n);
    size += n;
  }

  /** Keeps what is left of {@code buffer}, up to the bound; the buffer's position is not changed. */
  public synchronized void keep(ByteBuffer buffer) {
    int n = Math.min(buffer.remaining(), maxBytes - size);
    if (n <= 0) {
      return;
    }
    makeRoom(n);
    buffer.duplicate().get(bytes, size, n);
    size += n;
  }

  private void makeRoom(int n) {
    if (size + n > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.min(maxBytes, Math.max(size + n, bytes.length * 2)));
    }
  }
}
