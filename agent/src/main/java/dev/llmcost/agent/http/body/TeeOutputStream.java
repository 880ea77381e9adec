package dev.llmcost.agent.http.body;

import java.io.IOException;
import java.io.OutputStream;

/**
 * An application's stream that bytes are written through (a request body it writes, a response
 * body a library writes on its behalf): everything reaches the real stream first, then the same
 * bytes are shown to a {@link Sink}.
 */
public final class TeeOutputStream extends OutputStream {
  /** Sees each write once it reached the real stream; must not keep or modify the array. */
  @FunctionalInterface
  public interface Sink {
    void accept(byte[] b, int off, int len);
  }

  private final OutputStream out;
  private final Sink sink;

  public TeeOutputStream(OutputStream out, Sink sink) {
    this.out = out;
    this.sink = sink;
  }

  @Override
  public void write(int b) throws IOException {
    out.write(b);
    sink.accept(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b) throws IOException {
    out.write(b);
    sink.accept(b, 0, b.length);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    sink.accept(b, off, len);
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
}
