package dev.llmcost.agent.http.jdk;

import dev.llmcost.agent.call.LlmCall;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * A copy of body bytes handed to the application, for the agent to read after it: the JDK may
 * reuse a buffer's memory once the application has consumed it, so the copy is taken first. One
 * array, reused; past {@link #MAX_BYTES} the holder asks to be read at once.
 */
final class HeldBody {
  static final int MAX_BYTES = 256 * 1024;

  private byte[] bytes;
  private int size;

  /** Copies the buffers' remaining bytes; their positions do not move. */
  void copy(List<ByteBuffer> buffers) {
    for (ByteBuffer buffer : buffers) {
      int n = buffer.remaining();
      if (bytes == null || size + n > bytes.length) {
        bytes = Arrays.copyOf(bytes == null ? new byte[0] : bytes,
            Math.max(size + n, Math.min(MAX_BYTES, size * 2)));
      }
      buffer.get(buffer.position(), bytes, size, n);
      size += n;
    }
  }

  boolean full() {
    return size >= MAX_BYTES;
  }

  /** Hands what is held to the call's parser (which reads it before returning), then empties. */
  void feedTo(LlmCall call) {
    if (size > 0) {
      call.onBytes(ByteBuffer.wrap(bytes, 0, size));
      size = 0;
    }
    if (bytes != null && bytes.length > MAX_BYTES) {
      bytes = null; // one big chunk does not stay with the call
    }
  }

  /** Nothing more will be held: the array does not stay with a call the application keeps. */
  void release() {
    bytes = null;
    size = 0;
  }

  /** The bytes of the array kept for the next pieces (tests). */
  int capacity() {
    return bytes == null ? 0 : bytes.length;
  }
}
