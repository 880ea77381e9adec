package dev.llmcost.agent.http.jdk;

import dev.llmcost.agent.AgentLog;
import dev.llmcost.agent.call.LlmCall;
import dev.llmcost.agent.call.ResultUse;

/**
 * What the application does with an LLM call's body handed over as an InputStream (the OkHttp
 * rule, see {@code ObservedBody}): reading any of it is using it; closing it unread, or dropping
 * it unread, is abandoning it, whatever the client had already buffered. The
 * {@link dev.llmcost.agent.call.AbandonWatcher} reports the {@link ObservedInputStream}'s
 * collection here as {@link #markAbandoned}.
 */
final class InputStreamBody implements ResultUse {
  private final LlmCall call;
  private final TeeingBodySubscriber<?> tee;
  private volatile boolean read;
  private volatile boolean closed;

  InputStreamBody(LlmCall call, TeeingBodySubscriber<?> tee) {
    this.call = call;
    this.tee = tee;
  }

  /** Before each read of the application's: the first one uses the result. */
  void onRead() {
    if (read) {
      return;
    }
    read = true;
    try {
      call.markConsumed();
    } catch (Throwable t) {
      AgentLog.failure("JDK HttpClient body read", t);
    }
  }

  /** Before the application's close reaches the JDK's stream (which may cancel the exchange). */
  void onClose() {
    if (closed) {
      return;
    }
    closed = true;
    if (read) {
      return; // closed after use: the exchange's end says how (complete, or closed early)
    }
    try {
      tee.closedUnread();
    } catch (Throwable t) {
      AgentLog.failure("JDK HttpClient body close", t);
    }
  }

  @Override
  public void markConsumed() {
    // the stream reports its own reads
  }

  /** The application's stream was collected. */
  @Override
  public void markAbandoned() {
    if (closed) {
      return; // its close already told how it ended
    }
    if (read) {
      tee.droppedAfterReading();
    } else {
      tee.droppedUnread();
    }
  }
}
