package dev.llmcost.agent.http.apache.helpers;

import dev.llmcost.bootstrap.TrackedCall;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import org.apache.hc.core5.concurrent.Cancellable;
import org.apache.hc.core5.concurrent.CancellableDependency;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.EofSensorInputStream;

/** One classic {@code doExecute} of an LLM call, from its start until the response is returned. */
final class ClassicExchange {
  private final TrackedCall call;
  private final ClassicHttpRequest request;
  /** Weak: the call's cancel holds this exchange, and must not keep an unread body reachable. */
  private volatile WeakReference<HttpEntity> responseEntity = new WeakReference<>(null);

  ClassicExchange(TrackedCall call, ClassicHttpRequest request) {
    this.call = call;
    this.request = request;
    call.setCancel(this::abort);
  }

  /** The response the caller receives: the same object, its entity teed. */
  Object end(ClassicHttpResponse response, Throwable thrown) {
    if (thrown != null || response == null) {
      if (abortedByApp()) {
        call.onCancelledByApp();
      } else {
        call.onFailure(thrown);
      }
      return response;
    }
    HttpEntity entity = response.getEntity();
    call.onResponseHeaders(response.getCode(),
        entity != null ? entity.getContentType() : header(response, "Content-Type"),
        entity != null ? entity.getContentEncoding() : null);
    call.markConsumed(); // a synchronous call hands the response straight to its caller
    if (entity == null || entity.getContentLength() == 0) {
      call.onComplete();
      return response;
    }
    responseEntity = new WeakReference<>(entity);
    response.setEntity(new TeeingEntity(entity, call, this::abortedByApp));
    // The library's entity is reachable from the response and from its content stream: once it
    // is not, the body is out of everyone's reach (a response dropped unread and unclosed).
    call.endWhenUnreachable(entity);
    return response;
  }

  /** The application aborted this exchange ({@code HttpUriRequestBase.cancel()}). */
  boolean abortedByApp() {
    return request instanceof CancellableDependency && ((CancellableDependency) request).isCancelled();
  }

  /**
   * The agent's cancel: immediate. A graceful close would read an SSE stream to its end, so the
   * request is cancelled (closes the connection before and during the exchange) and the response
   * stream, if any, aborted.
   */
  private void abort() {
    if (request instanceof Cancellable) {
      ((Cancellable) request).cancel();
    }
    HttpEntity entity = responseEntity.get();
    if (entity != null) {
      try {
        InputStream in = entity.getContent();
        if (in instanceof EofSensorInputStream) {
          ((EofSensorInputStream) in).abort();
        }
      } catch (Exception ignored) {
        // already closed: nothing left to stop
      }
    }
  }

  private static String header(ClassicHttpResponse response, String name) {
    Header h = response.getFirstHeader(name);
    return h != null ? h.getValue() : null;
  }
}
