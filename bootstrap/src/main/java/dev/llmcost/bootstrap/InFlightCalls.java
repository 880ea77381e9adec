package dev.llmcost.bootstrap;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Every LLM call from its start until it ends, and from nowhere after. */
public final class InFlightCalls {
  private static final Set<InFlight> CALLS = ConcurrentHashMap.newKeySet();

  private InFlightCalls() {}

  public static void add(InFlight call) {
    CALLS.add(call);
  }

  public static void remove(InFlight call) {
    CALLS.remove(call);
  }

  public static int size() {
    return CALLS.size();
  }

  /**
   * Calls whose answer is still arriving (or yet to come): not those whose exchange has ended and
   * that only wait for the application's use of the result to be known (a future not read yet).
   */
  public static int receiving() {
    int n = 0;
    for (InFlight call : CALLS) {
      if (call.isReceiving()) {
        n++;
      }
    }
    return n;
  }

  public static List<InFlight> snapshot() {
    return new ArrayList<>(CALLS);
  }
}
