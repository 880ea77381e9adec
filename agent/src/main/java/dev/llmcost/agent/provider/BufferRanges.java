package dev.llmcost.agent.provider;

import java.nio.ByteBuffer;

/**
 * Hands a buffer's remaining bytes on as array ranges, without moving its position: its own array
 * when it has an accessible one, else copies in blocks into an array kept for the next buffer.
 * The JDK gives subscribers read-only buffers; read byte by byte through {@code ByteBuffer.get},
 * they cost several times the parse that follows.
 */
final class BufferRanges {
  private static final int BLOCK = 8192;

  interface Reader {
    void read(byte[] bytes, int offset, int length);
  }

  private byte[] copy;

  void read(ByteBuffer bytes, Reader reader) {
    if (bytes.hasArray()) {
      reader.read(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
      return;
    }
    for (int at = bytes.position(), end = bytes.limit(); at < end; ) {
      int n = Math.min(end - at, BLOCK);
      if (copy == null || copy.length < n) {
        copy = new byte[n]; // sized to the first buffer: most bodies come in one or a few
      }
      bytes.get(at, copy, 0, n);
      reader.read(copy, 0, n);
      at += n;
    }
  }
}
