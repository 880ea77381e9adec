package dev.llmcost.agent.http;

import dev.llmcost.agent.AgentLog;
import dev.llmcost.agent.call.CallTracker;
import dev.llmcost.agent.call.LlmCall;
import dev.llmcost.agent.provider.ResponseParser;
import dev.llmcost.bootstrap.TrackedCall;
import java.nio.ByteBuffer;

/**
 * An {@link LlmCall} behind the JDK-typed {@link TrackedCall}. Never throws: transports call it
 * from inside the application's reads and callbacks, where a failure of ours must cost a span at
 * most, never the application's data.
 */
final class TrackedLlmCall implements TrackedCall {
  private final LlmCall call;
  private final CallTracker tracker;
  private ResponseParser parser; // guarded by call, which feeds it under the same lock

  TrackedLlmCall(LlmCall call, CallTracker tracker) {
    this.call = call;
    this.tracker = tracker;
  }

  @Override
  public void setCancel(Runnable cancel) {
    call.setCancel(() -> cancelOffThread(cancel));
  }

  @Override
  public void onResponseHeaders(int status, String contentType, String contentEncoding) {
    try {
      ResponseParser p = tracker.newParser(call, contentType, contentEncoding);
      synchronized (call) {
        parser = p;
      }
      call.onResponseHeaders(status, p);
    } catch (Throwable t) {
      AgentLog.failure("response headers", t);
    }
  }

  @Override
  public void onBytes(ByteBuffer bytes) {
    try {
      call.onBytes(bytes);
    } catch (Throwable t) {
      AgentLog.failure("reading a response body", t);
    }
  }

  @Override
  public void onComplete() {
    guarded(call::onComplete);
  }

  @Override
  public void onFailure(Throwable failure) {
    guarded(() -> call.onFailure(failure));
  }

  @Override
  public void onCancelledByApp() {
    guarded(call::onCancelledByApp);
  }

  /**
   * A body closed after its format's own end marker ([DONE], message_stop, the closing brace of a
   * JSON answer) but before the transport read its last bytes gave the application the whole
   * answer: that is a complete call, not one closed early.
   */
  @Override
  public void onClosedByApp() {
    guarded(() -> {
      if (answerComplete()) {
        call.onComplete();
      } else {
        call.onClosedByApp();
      }
    });
  }

  @Override
  public void onClosedByAppRestRead() {
    guarded(call::onClosedByApp);
  }

  @Override
  public void onClosedUnreadRestRead() {
    guarded(() -> {
      if (answerComplete()) {
        call.closedUnread();
        call.onComplete();
      } else {
        call.onClosedByApp();
      }
    });
  }

  @Override
  public boolean answerComplete() {
    try {
      synchronized (call) {
        return parser != null && parser.info().complete;
      }
    } catch (Throwable t) {
      AgentLog.failure("call tracking", t);
      return false;
    }
  }

  @Override
  public void markConsumed() {
    guarded(call::markConsumed);
  }

  @Override
  public void endWhenUnreachable(Object body) {
    guarded(() -> UnreadBodies.watch(body, this));
  }

  @Override
  public void watchAbandonment(Object resultCarrier) {
    guarded(() -> tracker.abandonWatcher().watch(resultCarrier, call));
  }

  private static void guarded(Runnable action) {
    try {
      action.run();
    } catch (Throwable t) {
      AgentLog.failure("call tracking", t);
    }
  }

  /**
   * A transport's abort may wait for a lock the reading thread holds (HttpURLConnection's
   * disconnect does); the JVM's exit must never wait for it.
   */
  private static void cancelOffThread(Runnable cancel) {
    Thread thread = new Thread(() -> guarded(cancel), "llm-cost-agent-cancel");
    thread.setDaemon(true);
    thread.start();
  }
}
