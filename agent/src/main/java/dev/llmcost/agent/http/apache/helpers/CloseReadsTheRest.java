package dev.llmcost.agent.http.apache.helpers;

import dev.llmcost.bootstrap.TrackedCall;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * The classic client's close of a response body (its stream or its entity) reads the rest of the
 * body to its end, so that the connection can be reused: a stream the application stops reading
 * early is still received whole, and generated and billed whole. The agent reads that rest itself
 * just before the client would, showing it to the call, so the span has the usage the provider
 * billed instead of an estimate of the part the application read (and a body closed unread,
 * abandoned, its billed usage). The application waits exactly as it would without the agent: the
 * same bytes are read on its thread either way.
 */
final class CloseReadsTheRest {
  private CloseReadsTheRest() {}

  /** A {@code TeeInputStream.ClosedEarly}: {@code rest} is about to be closed by the application. */
  static void closed(InputStream rest, TrackedCall call, boolean readAny) {
    if (rest == null || (readAny && call.answerComplete())) {
      call.onClosedByApp(); // read up to the answer's end marker: complete, by that rule
      return;
    }
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = rest.read(buffer)) >= 0; ) {
        if (n > 0) {
          call.onBytes(ByteBuffer.wrap(buffer, 0, n));
        }
      }
    } catch (IOException | RuntimeException e) {
      // the client's own close, next, meets the same failure and reports it as it would
    }
    if (readAny) {
      call.onClosedByAppRestRead();
    } else {
      call.onClosedUnreadRestRead();
    }
  }
}
