package dev.llmcost.agent.http.apache.helpers;

import dev.llmcost.agent.http.body.TeeInputStream;
import dev.llmcost.agent.http.body.TeeOutputStream;
import dev.llmcost.bootstrap.TrackedCall;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.function.BooleanSupplier;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;

/**
 * A classic response entity whose body is shown to the call as the application takes it, through
 * {@code getContent()} or {@code writeTo()}. Everything else is the wrapped entity's.
 */
final class TeeingEntity extends HttpEntityWrapper {
  private final HttpEntity entity;
  private final TrackedCall call;
  private final BooleanSupplier abortedByApp;

  TeeingEntity(HttpEntity entity, TrackedCall call, BooleanSupplier abortedByApp) {
    super(entity);
    this.entity = entity;
    this.call = call;
    this.abortedByApp = abortedByApp;
  }

  /** Whether the application was given the body's stream (which then tells what it read). */
  private volatile boolean contentHandedOut;

  @Override
  public InputStream getContent() throws IOException {
    contentHandedOut = true;
    InputStream in = super.getContent();
    return in == null ? null
        : new TeeInputStream(in, call, entity.getContentLength(), abortedByApp, CloseReadsTheRest::closed);
  }

  @Override
  public void writeTo(OutputStream out) throws IOException {
    try {
      super.writeTo(out == null ? null : new TeeOutputStream(out, (b, off, len) -> call.onBytes(ByteBuffer.wrap(b, off, len))));
    } catch (IOException | RuntimeException e) {
      if (abortedByApp.getAsBoolean()) {
        call.onCancelledByApp();
      } else {
        call.onFailure(e);
      }
      throw e;
    }
    call.onComplete();
  }

  /**
   * Closing the entity before its body was read to the end stops it early (the client reads the
   * rest first: {@link CloseReadsTheRest}); after the application aborted the request, it is the
   * end of that cancel. Either is ignored once the body has ended.
   */
  @Override
  public void close() throws IOException {
    if (abortedByApp.getAsBoolean()) {
      call.onCancelledByApp();
    } else {
      // never handed out, the body was not read: closed unread (its own stream tells otherwise)
      CloseReadsTheRest.closed(restOrNull(), call, contentHandedOut);
    }
    super.close();
  }

  /** The body's stream as the client's own close would read it, or null if it cannot be had. */
  private InputStream restOrNull() {
    try {
      return entity.isStreaming() ? entity.getContent() : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return entity.toString();
  }
}
