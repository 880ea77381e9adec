package dev.llmcost.agent.http.body;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A request body as the application writes it: everything goes to the real stream, and a copy of
 * the first {@code maxBytes} is kept (enough to learn the model and parameters).
 */
public final class CapturingOutputStream extends OutputStream {
  private final OutputStream out;
  private final int maxBytes;
  private byte[] copy = new byte[256];
  private int size;

  public CapturingOutputStream(OutputStream out, int maxBytes) {
    this.out = out;
    this.maxBytes = maxBytes;
  }

  @Override
  public void write(int b) throws IOException {
    out.write(b);
    keep(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b) throws IOException {
    out.write(b);
    keep(b, 0, b.length);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    keep(b, off, len);
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }

  @Override
  public String toString() {
    return out.toString();
  }

  /** What was written so far, up to the bound. */
  public synchronized byte[] captured() {
    return Arrays.copyOf(copy, size);
  }

  private synchronized void keep(byte[] b, int off, int len) {
    int n = Math.min(len, maxBytes - size);
    if (n <= 0) {
      return;
    }
    if (size + n > copy.length) {
      copy = Arrays.copyOf(copy, Math.min(maxBytes, Math.max(size + n, copy.length * 2)));
    }
    System.arraycopy(b, off, copy, size, n);
    size += n;
  }
}
