package dev.llmcost.agent.http.urlconnection;

import dev.llmcost.agent.http.body.TeeInputStream;
import dev.llmcost.bootstrap.CallRejected;
import dev.llmcost.bootstrap.CallTracking;
import dev.llmcost.bootstrap.LlmGuardException;
import dev.llmcost.bootstrap.TrackedCall;
import dev.llmcost.bootstrap.UrlConnectionHooks;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.WeakReference;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The agent's side of {@link UrlConnectionHooks}. A call starts when the application asks for the
 * response (the request body it wrote is in hand by then) and ends when it reads the body to its
 * end, closes it, disconnects, or a read fails. An HTTP error answer ends the call at once: the JDK
 * throws before any body is read, and an application need never read the error stream.
 */
public final class UrlConnectionCalls implements UrlConnectionHooks.Impl {
  private final CallTracking tracking;
  private final Map<Object, ConnectionState> states = Collections.synchronizedMap(new WeakHashMap<>());
  // Reading the response's status and headers goes back through getInputStream(): not a new call.
  private final ThreadLocal<Boolean> inHook = new ThreadLocal<>();

  public UrlConnectionCalls(CallTracking tracking) {
    this.tracking = tracking;
  }

  @Override
  public Object beforeOutputStream(Object connection) {
    if (inHook.get() != null) {
      return null;
    }
    ConnectionState state = state((HttpURLConnection) connection, true);
    if (state == null) {
      return null;
    }
    LlmGuardException refused = state.refused();
    if (refused != null) {
      return new CallRejected(refused);
    }
    if (state.started()) {
      return null;
    }
    try {
      // in streaming mode the request leaves as it is written: the budget is checked before
      tracking.checkBudget(state.endpoint);
    } catch (LlmGuardException e) {
      state.setRefused(e);
      state.startOnce(); // refused: never started later
      return new CallRejected(e);
    }
    return null;
  }

  @Override
  public Object outputStream(Object connection, Object stream) {
    if (inHook.get() != null) {
      return stream;
    }
    ConnectionState state = state((HttpURLConnection) connection, true);
    return state == null ? stream : state.requestStream((OutputStream) stream, tracking.maxRequestBytes());
  }

  @Override
  public Object beforeInputStream(Object connection) {
    if (inHook.get() != null) {
      return null;
    }
    HttpURLConnection c = (HttpURLConnection) connection;
    ConnectionState state = state(c, true);
    if (state == null) {
      return null;
    }
    if (state.startOnce()) {
      URL url = c.getURL();
      TrackedCall call;
      try {
        call = tracking.startOrRefuse(state.endpoint, url.getHost(), port(url), url.getPath(),
            state.requestBytes(), true);
      } catch (LlmGuardException refused) {
        state.setRefused(refused);
        return new CallRejected(refused); // the advice skips the send and throws this
      }
      if (call != null) {
        WeakReference<HttpURLConnection> weak = new WeakReference<>(c);
        call.setCancel(() -> {
          HttpURLConnection held = weak.get();
          if (held != null) {
            held.disconnect();
          }
        });
      }
      state.setCall(call);
    }
    LlmGuardException refused = state.refused();
    if (refused != null) {
      return new CallRejected(refused); // asked again (getResponseCode, a retry): the same answer
    }
    return state.call() != null ? state : null;
  }

  @Override
  public Object inputStream(Object connection, Object token, Object stream, Throwable thrown) {
    ConnectionState state = (ConnectionState) token;
    TrackedCall call = state.call();
    HttpURLConnection c = (HttpURLConnection) connection;
    boolean first = state.responseOnce();
    int status = first ? readResponse(c, state, call) : state.status();
    if (thrown != null) {
      // For an error answer the JDK's getInputStream asks getResponseCode, which asks
      // getInputStream again: the nested call reads the response and returns, the outer one
      // throws. Either way an HTTP error answer has failed, whatever its body says.
      if (status > 0 && (first || status >= 400)) {
        call.onComplete();
      } else if (status <= 0) {
        call.onFailure(thrown);
      }
      return stream;
    }
    if (stream == null) {
      return null;
    }
    long length = state.responseLength();
    return state.responseStream((InputStream) stream, raw -> {
      call.endWhenUnreachable(raw); // the stream the connection reads from
      return new TeeInputStream(raw, call, length, () -> false, AvailableRest::closed);
    });
  }

  @Override
  public void disconnect(Object connection) {
    if (inHook.get() != null) {
      return;
    }
    ConnectionState state = state((HttpURLConnection) connection, false);
    TrackedCall call = state != null ? state.call() : null;
    if (call == null) {
      return;
    }
    if (state.responseSeen()) {
      call.onClosedByApp(); // ignored when the body had already ended
    } else {
      call.onCancelledByApp();
    }
  }

  /** Status and headers, read back through the connection's public API; 0 when there are none. */
  private int readResponse(HttpURLConnection c, ConnectionState state, TrackedCall call) {
    inHook.set(Boolean.TRUE);
    try {
      int status;
      try {
        status = c.getResponseCode();
      } catch (IOException e) {
        return 0;
      }
      if (status <= 0) {
        return 0;
      }
      call.onResponseHeaders(status, c.getContentType(), c.getContentEncoding());
      call.markConsumed(); // getInputStream hands the response straight to its caller
      long length = c.getContentLengthLong();
      state.setResponse(status, length);
      if (length == 0) {
        call.onComplete();
      }
      return status;
    } finally {
      inHook.remove();
    }
  }

  /** The state of a connection to an LLM endpoint (created when {@code create}), else null. */
  private ConnectionState state(HttpURLConnection c, boolean create) {
    ConnectionState known = states.get(c);
    if (known != null) {
      return known; // matched before: after a redirect getURL() names where the JDK went
    }
    URL url = c.getURL();
    Object endpoint = tracking.match(c.getRequestMethod(), url.getProtocol(), url.getHost(), port(url),
        url.getPath());
    if (endpoint == null) {
      return null;
    }
    return create ? states.computeIfAbsent(c, k -> new ConnectionState(endpoint)) : states.get(c);
  }

  private static int port(URL url) {
    return url.getPort() > 0 ? url.getPort() : url.getDefaultPort();
  }
}
