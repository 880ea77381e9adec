package dev.llmcost.bootstrap;

import java.util.function.Consumer;

/**
 * The agent's call tracking in JDK types, for transport code that cannot see the agent's classes
 * (see {@link TrackedCall}).
 */
public interface CallTracking {
  /** The cheap check every request pays: an endpoint token, or null when it is not an LLM call. */
  Object match(String method, String scheme, String host, int port, String path);

  /** How much of a request body to read, at most. */
  int maxRequestBytes();

  /**
   * Starts tracking a call to a matched endpoint, or returns null when the body shows it is not an
   * LLM request after all.
   *
   * @param body the request body as far as it was read, or null when it could not be read
   */
  TrackedCall start(Object endpoint, String host, int port, String path, byte[] body,
      boolean synchronous);

  /**
   * Where a call started on this thread would come from (its call site, tags, trace context), for
   * a call that another thread will send: an opaque token for {@link #startFrom}, or null.
   */
  default Object origin() {
    return null;
  }

  /** As {@link #start}, on a thread sending for the application: described by {@code origin}. */
  default TrackedCall startFrom(Object origin, Object endpoint, String host, int port, String path,
      byte[] body, boolean synchronous) {
    return start(endpoint, host, port, path, body, synchronous);
  }

  /**
   * For a call another thread will send: {@code origin} (from {@link #origin}) holding the
   * concurrency slot the call needs, taken now in turn, or {@code origin} itself when no limit
   * applies; null when the call must wait for a slot ({@link #awaitSlot}). Never waits.
   */
  default Object withSlot(Object origin, Object endpoint) {
    return origin;
  }

  /**
   * Waits off the caller's thread for the slot {@code origin}'s call needs: {@code granted} gets
   * the origin holding it (on an agent thread), or {@code refused} the refusal of a wait past its
   * bound. Returns what cancels the wait.
   */
  default Runnable awaitSlot(Object origin, Object endpoint, Consumer<Object> granted,
      Consumer<LlmGuardException> refused) {
    granted.accept(origin);
    return () -> {};
  }

  /** A request given an origin will not be sent after all: the slot it holds, unclaimed, is freed. */
  default void release(Object origin) {}

  /**
   * The hard budgets a call to this matched endpoint from this thread would face now, for a
   * transport that must refuse before it starts sending; starts nothing.
   *
   * @throws LlmGuardException a call must not be sent
   */
  default void checkBudget(Object endpoint) throws LlmGuardException {}

  /**
   * As {@link #start}, for a transport that can fail the call before sending it: a guard rail
   * (budget, concurrency wait) may refuse it.
   */
  TrackedCall startOrRefuse(Object endpoint, String host, int port, String path, byte[] body,
      boolean synchronous) throws LlmGuardException;
}
