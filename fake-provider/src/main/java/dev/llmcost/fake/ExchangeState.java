package dev.llmcost.fake;

import dev.llmcost.fake.Exchange.Outcome;

/** The live, thread-safe side of an {@link Exchange}: written by the connection's two threads. */
final class ExchangeState {

  final RecordedRequest request;
  final Behaviour behaviour;
  /** The client asked to close the connection after this answer (or spoke HTTP/1.0). */
  final boolean closeAfter;
  private final Runnable onSettled;
  private final java.util.concurrent.atomic.AtomicBoolean answerEnded =
      new java.util.concurrent.atomic.AtomicBoolean();
  private Outcome outcome = Outcome.IN_PROGRESS;
  private int status;
  private int eventsSent;
  private long endedNanos = -1;

  ExchangeState(RecordedRequest request, Behaviour behaviour, boolean closeAfter, Runnable onSettled) {
    this.request = request;
    this.behaviour = behaviour;
    this.closeAfter = closeAfter;
    this.onSettled = onSettled;
  }

  synchronized void statusSent(int s) {
    status = s;
  }

  synchronized void eventSent() {
    eventsSent++;
  }

  /** Settles the outcome once; later calls lose (the first observer of the end is the truth). */
  boolean settle(Outcome o, long nanos) {
    synchronized (this) {
      if (outcome != Outcome.IN_PROGRESS) {
        return false;
      }
      outcome = o;
      endedNanos = nanos;
    }
    answerEnding();
    return true;
  }

  /**
   * The provider is done with this request: called just before its last bytes go out, because a
   * client may send its next request the moment they arrive, before this thread settles.
   */
  void answerEnding() {
    if (answerEnded.compareAndSet(false, true)) {
      onSettled.run();
    }
  }

  synchronized boolean inProgress() {
    return outcome == Outcome.IN_PROGRESS;
  }

  synchronized Exchange snapshot() {
    return new Exchange(request, outcome, status, eventsSent, endedNanos);
  }
}
