package dev.llmcost.fake;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 chunked transfer coding: every write becomes one chunk, so each flushed SSE event is
 * its own chunk on the wire, as a real streaming server sends it. {@link #finish()} writes the last
 * chunk; {@link #close()} does not close the socket.
 */
final class ChunkedOutputStream extends OutputStream {

  private final OutputStream socketOut;
  private boolean finished;

  ChunkedOutputStream(OutputStream socketOut) {
    this.socketOut = socketOut;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return; // a zero-length chunk would end the body
    }
    socketOut.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    socketOut.write(b, off, len);
    socketOut.write('\r');
    socketOut.write('\n');
  }

  @Override
  public void flush() throws IOException {
    socketOut.flush();
  }

  void finish() throws IOException {
    if (!finished) {
      finished = true;
      socketOut.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      socketOut.flush();
    }
  }

  @Override
  public void close() throws IOException {
    finish();
  }
}
