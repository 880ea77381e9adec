package dev.llmcost.fake;

/**
 * One TCP connection accepted by a {@link FakeProvider}, as a snapshot.
 *
 * @param openedNanos    {@link System#nanoTime()} at accept
 * @param closedNanos    when the provider saw it end (EOF or reset from the client, or its own close); -1 while open
 * @param closedByClient true when the client ended it (the case that proves a JVM let go of its sockets)
 * @param requests       requests read on it so far
 */
public record ConnectionRecord(int id, long openedNanos, long closedNanos, boolean closedByClient, int requests) {

  public boolean isOpen() {
    return closedNanos < 0;
  }
}
