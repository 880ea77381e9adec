package dev.llmcost.agent.http;

import dev.llmcost.bootstrap.TrackedCall;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A {@link TrackedCall} that records what a transport reported, for tests. */
public final class RecordingCall implements TrackedCall {
  public final List<String> events = new ArrayList<>();
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();
  public Runnable cancel;
  public int status;
  public String contentType;
  public String contentEncoding;
  public Object watched;

  @Override
  public void setCancel(Runnable c) {
    cancel = c;
  }

  @Override
  public void onResponseHeaders(int s, String type, String encoding) {
    status = s;
    contentType = type;
    contentEncoding = encoding;
    events.add("headers " + s);
  }

  @Override
  public void onBytes(ByteBuffer bytes) {
    ByteBuffer view = bytes.duplicate();
    byte[] copy = new byte[view.remaining()];
    view.get(copy);
    body.writeBytes(copy);
  }

  @Override
  public void onComplete() {
    events.add("complete");
  }

  @Override
  public void onFailure(Throwable t) {
    events.add("failed " + (t == null ? null : t.getClass().getSimpleName()));
  }

  @Override
  public void onCancelledByApp() {
    events.add("cancelled");
  }

  @Override
  public void onClosedByApp() {
    events.add("closed");
  }

  @Override
  public void markConsumed() {
    events.add("consumed");
  }

  @Override
  public void watchAbandonment(Object resultCarrier) {
    watched = resultCarrier;
    events.add("watched");
  }

  /** Every byte shown so far, as UTF-8. */
  public String body() {
    return body.toString(StandardCharsets.UTF_8);
  }
}
