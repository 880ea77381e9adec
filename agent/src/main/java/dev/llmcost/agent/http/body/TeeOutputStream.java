package dev.llmcost.agent.http.body;

import dev.llmcost.bootstrap.TrackedCall;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * The application's own stream, into which a library writes a response body on the application's
 * behalf ({@code HttpEntity.writeTo}): each byte that reached it is shown to the call.
 */
public final class TeeOutputStream extends OutputStream {
  private final OutputStream out;
  private final TrackedCall call;

  public TeeOutputStream(OutputStream out, TrackedCall call) {
    this.out = out;
    this.call = call;
  }

  @Override
  public void write(int b) throws IOException {
    out.write(b);
    call.onBytes(ByteBuffer.wrap(new byte[] {(byte) b}));
  }

  @Override
  public void write(byte[] b) throws IOException {
    out.write(b);
    call.onBytes(ByteBuffer.wrap(b));
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    call.onBytes(ByteBuffer.wrap(b, off, len));
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
