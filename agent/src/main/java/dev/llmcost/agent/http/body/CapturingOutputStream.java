package dev.llmcost.agent.http.body;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A request body as the application writes it: everything goes to the real stream, and a copy of
 * the first bytes is kept (enough to learn the model and parameters) in a {@link Copy}, which
 * can be held without holding the stream.
 */
public final class CapturingOutputStream extends OutputStream {
  private final OutputStream out;
  private final Copy copy;

  public CapturingOutputStream(OutputStream out, Copy copy) {
    this.out = out;
    this.copy = copy;
  }

  @Override
  public void write(int b) throws IOException {
    out.write(b);
    copy.keep(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b) throws IOException {
    out.write(b);
    copy.keep(b, 0, b.length);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    copy.keep(b, off, len);
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

  /** The first {@code maxBytes} written. */
  public static final class Copy {
    private final int maxBytes;
    private byte[] bytes = new byte[256];
    private int size;

    public Copy(int maxBytes) {
      this.maxBytes = maxBytes;
    }

    /** What was written so far, up to the bound. */
    public synchronized byte[] bytes() {
      return Arrays.copyOf(bytes, size);
    }

    synchronized void keep(byte[] b, int off, int len) {
      int n = Math.min(len, maxBytes - size);
      if (n <= 0) {
        return;
      }
      if (size + n > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.min(maxBytes, Math.max(size + n, bytes.length * 2)));
      }
      System.arraycopy(b, off, bytes, size, n);
      size += n;
    }
  }
}
