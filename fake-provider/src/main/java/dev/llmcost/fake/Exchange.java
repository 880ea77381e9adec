package dev.llmcost.fake;

/**
 * A request and what became of its answer, as a snapshot.
 *
 * @param status     the status the provider sent (0 if it never sent one)
 * @param eventsSent stream events (or JSON bodies) fully written
 * @param endedNanos {@link System#nanoTime()} when the outcome was settled; for
 *                   {@link Outcome#CLIENT_DISCONNECTED} the moment the provider saw the client leave; -1 while in progress
 */
public record Exchange(RecordedRequest request, Outcome outcome, int status, int eventsSent, long endedNanos) {

  public enum Outcome {
    IN_PROGRESS,
    /** The whole answer was written. */
    COMPLETED,
    /** The client closed or reset the connection before the answer was complete. */
    CLIENT_DISCONNECTED,
    /** The provider reset the connection on purpose ({@link Behaviour#dropAfterEvents()}). */
    DROPPED,
    /** The provider was stopped while answering. */
    SERVER_STOPPED
  }
}
