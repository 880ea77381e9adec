package dev.llmcost.agent.http.urlconnection;

import dev.llmcost.agent.http.body.BodyCopy;
import dev.llmcost.agent.http.body.TeeOutputStream;
import dev.llmcost.agent.http.body.TeeInputStream;
import dev.llmcost.bootstrap.LlmGuardException;
import dev.llmcost.bootstrap.TrackedCall;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.WeakReference;
import java.util.function.Function;

/**
 * What the agent knows about one HttpURLConnection to an LLM endpoint. It is the value of a weak
 * map keyed by the connection, so nothing here may hold the connection strongly: the JDK's own
 * streams do (they are inner classes of it), hence the weak references to them.
 */
final class ConnectionState {
  final Object endpoint;
  private BodyCopy requestBody;
  private WeakReference<OutputStream> requestRaw = new WeakReference<>(null);
  private WeakReference<OutputStream> requestWrapper = new WeakReference<>(null);
  private boolean started;
  private TrackedCall call;
  private LlmGuardException refused;
  private boolean responseSeen;
  private long responseLength = -1;
  private int status;
  private WeakReference<InputStream> responseRaw = new WeakReference<>(null);
  private WeakReference<InputStream> responseWrapper = new WeakReference<>(null);

  ConnectionState(Object endpoint) {
    this.endpoint = endpoint;
  }

  /** The stream the application writes the request body to; the same one for every call. */
  synchronized OutputStream requestStream(OutputStream raw, int maxBytes) {
    OutputStream wrapper = requestWrapper.get();
    if (wrapper != null && requestRaw.get() == raw) {
      return wrapper;
    }
    if (started) {
      return raw; // the request has gone: nothing more to learn from its body
    }
    if (requestBody == null) {
      requestBody = new BodyCopy(maxBytes);
    }
    TeeOutputStream fresh = new TeeOutputStream(raw, requestBody::keep);
    requestRaw = new WeakReference<>(raw);
    requestWrapper = new WeakReference<>(fresh);
    return fresh;
  }

  /** The body written so far, or null when the application wrote none. */
  synchronized byte[] requestBytes() {
    return requestBody != null ? requestBody.bytes() : null;
  }

  synchronized boolean started() {
    return started;
  }

  /** Marks the request sent; true the first time only. */
  synchronized boolean startOnce() {
    if (started) {
      return false;
    }
    started = true;
    return true;
  }

  synchronized void setCall(TrackedCall c) {
    call = c;
  }

  /** A guard rail refused the call: every later request for the response fails the same way. */
  synchronized void setRefused(LlmGuardException reason) {
    refused = reason;
  }

  synchronized LlmGuardException refused() {
    return refused;
  }

  synchronized TrackedCall call() {
    return call;
  }

  /** Marks the response headers seen; true the first time only. */
  synchronized boolean responseOnce() {
    if (responseSeen) {
      return false;
    }
    responseSeen = true;
    return true;
  }

  synchronized void setResponse(int statusCode, long length) {
    status = statusCode;
    responseLength = length;
  }

  /** The response's status code, 0 until one was read. */
  synchronized int status() {
    return status;
  }

  synchronized long responseLength() {
    return responseLength;
  }

  synchronized boolean responseSeen() {
    return responseSeen;
  }

  /** The stream the application reads the body from; the same one for every call. */
  synchronized InputStream responseStream(InputStream raw, Function<InputStream, TeeInputStream> tee) {
    InputStream wrapper = responseWrapper.get();
    if (wrapper != null && responseRaw.get() == raw) {
      return wrapper;
    }
    TeeInputStream fresh = tee.apply(raw);
    responseRaw = new WeakReference<>(raw);
    responseWrapper = new WeakReference<>(fresh);
    return fresh;
  }
}
