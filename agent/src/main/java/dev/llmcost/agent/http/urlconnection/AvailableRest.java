package dev.llmcost.agent.http.urlconnection;

import dev.llmcost.bootstrap.TrackedCall;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * HttpURLConnection's close of a body it keeps alive skips what has already arrived, without
 * waiting, so that the connection can be reused. The agent reads those same bytes just before,
 * showing them to the call: a whole answer closed unread is then known abandoned with the usage
 * the provider billed, not estimated from nothing; one read in part and closed, closed early with
 * what had arrived. Nothing is waited for that the connection would not have read itself.
 */
final class AvailableRest {
  private AvailableRest() {}

  /** A {@code TeeInputStream.ClosedEarly}: {@code rest} is about to be closed by the application. */
  static void closed(InputStream rest, TrackedCall call, boolean readAny) {
    if (readAny && call.answerComplete()) {
      call.onClosedByApp(); // read up to the answer's end marker: complete, by that rule
      return;
    }
    byte[] buffer = new byte[8192];
    try {
      for (int available; (available = rest.available()) > 0; ) {
        int n = rest.read(buffer, 0, Math.min(buffer.length, available));
        if (n <= 0) {
          break;
        }
        call.onBytes(ByteBuffer.wrap(buffer, 0, n));
      }
    } catch (IOException | RuntimeException e) {
      // the connection's own close, next, meets the same failure and deals with it as it would
    }
    if (readAny) {
      call.onClosedByApp();
    } else {
      call.onClosedUnreadRestRead();
    }
  }
}
