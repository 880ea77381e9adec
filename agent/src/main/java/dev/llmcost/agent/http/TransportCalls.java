package dev.llmcost.agent.http;

import dev.llmcost.agent.call.CallTracker;
import dev.llmcost.agent.call.LlmCall;
import dev.llmcost.agent.provider.Endpoint;
import dev.llmcost.bootstrap.CallTracking;
import dev.llmcost.bootstrap.LlmGuardException;
import dev.llmcost.bootstrap.TrackedCall;

/**
 * {@link CallTracker} in JDK types, for transports whose code cannot name the agent's classes:
 * helpers defined next to an application's HTTP library, and hooks on JDK classes.
 */
public class TransportCalls implements CallTracking {
  protected final CallTracker tracker;

  public TransportCalls(CallTracker tracker) {
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
  public TrackedCall start(Object endpoint, String host, int port, String path, byte[] body,
      boolean synchronous) {
    LlmCall call = tracker.start((Endpoint) endpoint, host, port, path, body, synchronous);
    return call == null ? null : new TrackedLlmCall(call, tracker);
  }

  @Override
  public void checkBudget(Object endpoint) throws LlmGuardException {
    tracker.checkBudget((Endpoint) endpoint);
  }

  @Override
  public TrackedCall startOrRefuse(Object endpoint, String host, int port, String path, byte[] body,
      boolean synchronous) throws LlmGuardException {
    LlmCall call = tracker.start((Endpoint) endpoint, host, port, path, body, synchronous, true);
    return call == null ? null : new TrackedLlmCall(call, tracker);
  }
}
