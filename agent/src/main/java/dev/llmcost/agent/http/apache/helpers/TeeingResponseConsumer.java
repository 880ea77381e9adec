package dev.llmcost.agent.http.apache.helpers;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * The application's response consumer, with every body byte it was given shown to the call (read
 * from a duplicate, after the consumer took it) and the exchange's end reported. The consumer
 * receives the very same buffers, calls and threads as it would without the agent.
 */
final class TeeingResponseConsumer<T> implements AsyncResponseConsumer<T> {
  private final AsyncResponseConsumer<T> delegate;
  private final AsyncExchange exchange;

  TeeingResponseConsumer(AsyncResponseConsumer<T> delegate, AsyncExchange exchange) {
    this.delegate = delegate;
    this.exchange = exchange;
  }

  @Override
  public void consumeResponse(HttpResponse response, EntityDetails entityDetails,
      HttpContext context, FutureCallback<T> resultCallback) throws HttpException, IOException {
    exchange.call.onResponseHeaders(response.getCode(),
        entityDetails != null ? entityDetails.getContentType() : header(response, "Content-Type"),
        entityDetails != null ? entityDetails.getContentEncoding() : null);
    delegate.consumeResponse(response, entityDetails, context, resultCallback);
    if (entityDetails == null) {
      exchange.call.onComplete(); // no body will follow
    }
  }

  @Override
  public void informationResponse(HttpResponse response, HttpContext context)
      throws HttpException, IOException {
    delegate.informationResponse(response, context);
  }

  @Override
  public void updateCapacity(CapacityChannel capacityChannel) throws IOException {
    delegate.updateCapacity(capacityChannel);
  }

  /**
   * A data consumer takes the whole buffer (httpcore's contract), though some copy from its array
   * without moving its position: so the whole of it is shown, from a duplicate taken before.
   */
  @Override
  public void consume(ByteBuffer src) throws IOException {
    ByteBuffer taken = src.duplicate();
    delegate.consume(src);
    exchange.call.onBytes(taken);
  }

  @Override
  public void streamEnd(List<? extends Header> trailers) throws HttpException, IOException {
    delegate.streamEnd(trailers);
    exchange.call.onComplete();
  }

  @Override
  public void failed(Exception cause) {
    exchange.failed(cause);
    delegate.failed(cause);
  }

  @Override
  public void releaseResources() {
    delegate.releaseResources();
  }

  @Override
  public String toString() {
    return delegate.toString();
  }

  private static String header(HttpResponse response, String name) {
    Header h = response.getFirstHeader(name);
    return h != null ? h.getValue() : null;
  }
}
