package dev.llmcost.agent.call;

import dev.llmcost.agent.AgentLog;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds settled calls until the reporting side (OpenTelemetry SDK, price book), which starts in
 * the background so the application's start-up does not wait for it, is ready; then hands them
 * on in the order they settled. A settling thread never waits.
 */
public final class DeferredCallSink implements CallSink {
  /** More than any application settles in its first seconds; past it calls are dropped, counted. */
  static final int MAX_WAITING = 10_000;

  private final List<CallRecord> waiting = new ArrayList<>();
  private volatile CallSink target;
  private volatile boolean seenAny;
  private int dropped;

  @Override
  public void settled(CallRecord record) {
    CallSink ready = readyOrHold(record);
    if (ready != null) {
      ready.settled(record);
    }
  }

  @Override
  public Runnable accountNowReportLater(CallRecord record) {
    CallSink ready = readyOrHold(record);
    return ready != null ? ready.accountNowReportLater(record) : NOTHING;
  }

  /** The reporting side when it is ready; else null, the record held for it. */
  private CallSink readyOrHold(CallRecord record) {
    seenAny = true;
    CallSink ready = target;
    if (ready == null) {
      synchronized (this) {
        ready = target;
        if (ready == null) {
          if (waiting.size() < MAX_WAITING) {
            waiting.add(record);
          } else {
            dropped++;
          }
        }
      }
    }
    return ready;
  }

  /** Delivers what waited, then every later call directly. */
  public void deliverTo(CallSink sink) {
    while (true) {
      List<CallRecord> batch;
      synchronized (this) {
        if (waiting.isEmpty()) {
          target = sink;
          if (dropped > 0) {
            AgentLog.warn(dropped + " LLM calls settled before reporting started were not reported");
          }
          return;
        }
        batch = new ArrayList<>(waiting);
        waiting.clear();
      }
      for (CallRecord record : batch) {
        try {
          sink.settled(record);
        } catch (Throwable t) {
          AgentLog.failure("reporting a call", t);
        }
      }
    }
  }

  /** True once any LLM call has settled, reported yet or not. */
  public boolean seenAny() {
    return seenAny;
  }
}
