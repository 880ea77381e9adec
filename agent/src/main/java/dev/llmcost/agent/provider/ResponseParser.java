package dev.llmcost.agent.provider;

import java.nio.ByteBuffer;

/**
 * Incremental reader of one response body (JSON or SSE). Fed the bytes as they flow to the
 * application; never buffers the whole body. Implementations never throw: bad input sets
 * {@link ResponseInfo#malformed}. Not thread-safe: the transport feeds it from one thread at a time.
 */
public interface ResponseParser {
  /** Reads the buffer's remaining bytes; must not change the buffer the caller passed. */
  void onBytes(ByteBuffer bytes);

  /** The body ended (completely or not); flush whatever is pending. */
  void onEnd();

  ResponseInfo info();
}
