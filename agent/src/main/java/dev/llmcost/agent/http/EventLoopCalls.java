package dev.llmcost.agent.http;

import dev.llmcost.agent.call.CallTracker;
import dev.llmcost.agent.call.LlmCall;
import dev.llmcost.agent.provider.Endpoint;
import dev.llmcost.bootstrap.LlmGuardException;
import dev.llmcost.bootstrap.TrackedCall;
import java.util.function.Consumer;

/**
 * {@link CallTracker} in JDK types for a client that starts its calls on an event loop (Netty): a
 * thread serving every connection the client owns, which must never wait, and whose name and
 * stack say nothing of the application. Calls are described by the origin the client hands over
 * ({@link #origin} read where the application asked), else by nothing of the loop's. The hard
 * budgets ({@link #checkBudget}) are for the client to check where the application asks, on its
 * thread (Reactor Netty does, at the subscription).
 */
public final class EventLoopCalls extends TransportCalls {
  public EventLoopCalls(CallTracker tracker) {
    super(tracker);
  }

  @Override
  public Object origin() {
    return tracker.origin();
  }

  @Override
  public Object withSlot(Object origin, Object endpoint) {
    return tracker.withSlot((CallTracker.Origin) origin, (Endpoint) endpoint);
  }

  @Override
  public Runnable awaitSlot(Object origin, Object endpoint, Consumer<Object> granted,
      Consumer<LlmGuardException> refused) {
    return tracker.awaitSlot((CallTracker.Origin) origin, (Endpoint) endpoint, granted::accept,
        refused);
  }

  @Override
  public void release(Object origin) {
    tracker.release((CallTracker.Origin) origin);
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

  /** Never refused: see {@link CallTracker#startOnEventLoop}. */
  @Override
  public TrackedCall startOrRefuse(Object endpoint, String host, int port, String path, byte[] body,
      boolean synchronous) {
    return start(endpoint, host, port, path, body, synchronous);
  }
}
