package dev.llmcost.agent.http.jdk;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The InputStream of an LLM call's body as the application gets it ({@code ofInputStream()}, or
 * inside {@code ofLines()}): every method is the JDK's stream's own, with the same bytes, the same
 * exceptions and the same blocking. It only tells {@link InputStreamBody} that the application
 * reads the body, or closes it; and being the one object only the application holds (the client
 * holds the JDK's stream while the body arrives), its collection shows the body was dropped.
 */
final class ObservedInputStream extends InputStream {
  private final InputStream in;
  private final InputStreamBody body;

  ObservedInputStream(InputStream in, InputStreamBody body) {
    this.in = in;
    this.body = body;
  }

  @Override
  public int read() throws IOException {
    body.onRead();
    return in.read();
  }

  @Override
  public int read(byte[] b) throws IOException {
    body.onRead();
    return in.read(b);
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    body.onRead();
    return in.read(b, off, len);
  }

  @Override
  public byte[] readAllBytes() throws IOException {
    body.onRead();
    return in.readAllBytes();
  }

  @Override
  public byte[] readNBytes(int len) throws IOException {
    body.onRead();
    return in.readNBytes(len);
  }

  @Override
  public int readNBytes(byte[] b, int off, int len) throws IOException {
    body.onRead();
    return in.readNBytes(b, off, len);
  }

  /** Skipping moves through the body as reading does: the application is using it. */
  @Override
  public long skip(long n) throws IOException {
    body.onRead();
    return in.skip(n);
  }

  @Override
  public void skipNBytes(long n) throws IOException {
    body.onRead();
    in.skipNBytes(n);
  }

  @Override
  public long transferTo(OutputStream out) throws IOException {
    body.onRead();
    return in.transferTo(out);
  }

  @Override
  public int available() throws IOException {
    return in.available();
  }

  /** Told first: the JDK's close cancels the subscription, and the agent must know who asked. */
  @Override
  public void close() throws IOException {
    body.onClose();
    in.close();
  }

  @Override
  public void mark(int readlimit) {
    in.mark(readlimit);
  }

  @Override
  public void reset() throws IOException {
    in.reset();
  }

  @Override
  public boolean markSupported() {
    return in.markSupported();
  }

  @Override
  public String toString() {
    return in.toString();
  }
}
