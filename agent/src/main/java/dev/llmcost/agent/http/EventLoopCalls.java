package dev.llmcost.agent.http;

import dev.llmcost.agent.call.CallTracker;
import dev.llmcost.agent.call.LlmCall;
import dev.llmcost.agent.provider.Endpoint;
import dev.llmcost.bootstrap.CallTracking;
import dev.llmcost.bootstrap.LlmGuardException;
import dev.llmcost.bootstrap.TrackedCall;

/**
 * {@link CallTracker} in JDK types for a client that starts its calls on an event loop (Netty): a
 * thread serving every connection the client owns, which must never wait, and whose name and
 * stack say nothing of the application. Calls are described by the origin the client hands over
 * ({@link #origin} read where the application asked), else by nothing of the loop's.
 */
public final class EventLoopCalls implements CallTracking {
  private final CallTracker tracker;

  public EventLoopCalls(CallTracker tracker) {
    this.tracker = tracker;
  }

  @Override
  public Object match(String method, String scheme, String host, int port, String path) {
    return tracker.match(method, scheme, host, port, path);
  }

  @Override
  public int maxRequestBytes() {
    return tracker.maxRequestBytes();
  }

  @Override
  public Object origin() {
    return tracker.origin();
  }

  @Override
  public TrackedCall start(Object endpoint, String host, int port, String path, byte[] body,
      boolean synchronous) {
    return startFrom(null, endpoint, host, port, path, body, synchronous);
  }

  @Override
  public TrackedCall startFrom(Object origin, Object endpoint, String host, int port, String path,
      byte[] body, boolean synchronous) {
    LlmCall call = tracker.startOnEventLoop((CallTracker.Origin) origin, (Endpoint) endpoint, host,
        port, path, body);
    return call == null ? null : new TrackedLlmCall(call, tracker);
  }

  /**
   * The hard budgets, for a client that can refuse where the application asks for a call, on its
   * thread (Reactor Netty, at the subscription), before an event loop is involved.
   */
  @Override
  public void checkBudget(Object endpoint) throws LlmGuardException {
    tracker.checkBudget((Endpoint) endpoint);
  }

  /** Never refused: see {@link CallTracker#startOnEventLoop}. */
  @Override
  public TrackedCall startOrRefuse(Object endpoint, String host, int port, String path, byte[] body,
      boolean synchronous) {
    return start(endpoint, host, port, path, body, synchronous);
  }
}
