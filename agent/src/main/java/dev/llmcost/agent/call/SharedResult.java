package dev.llmcost.agent.call;

import java.util.ArrayList;
import java.util.List;

/**
 * One result the application reads through one object (an SDK's future) that several HTTP calls
 * feed: the attempts of a request the SDK retries, sent possibly before or after the application
 * reads or drops that object. Each call learns the result's fate when it joins or, if it joined
 * earlier, when the fate is known.
 */
public final class SharedResult implements ResultUse {
  private enum Fate { UNKNOWN, CONSUMED, ABANDONED, CANCELLED }

  private final List<LlmCall> calls = new ArrayList<>();
  private final List<Runnable> whenDecided = new ArrayList<>(1);
  private Fate fate = Fate.UNKNOWN;

  @Override
  public void whenDecided(Runnable release) {
    synchronized (this) {
      if (fate == Fate.UNKNOWN) {
        whenDecided.add(release);
        return;
      }
    }
    release.run();
  }

  /** A call made for this result; its disposition is this result's. */
  public void join(LlmCall call) {
    Fate known;
    synchronized (this) {
      known = fate;
      if (known == Fate.UNKNOWN) {
        calls.add(call);
        return;
      }
    }
    apply(known, List.of(call));
  }

  /**
   * Where the calls made for this result come from: the path key of the first with a call site,
   * "" when none has one, null while no call has joined (or once the result is decided).
   */
  public String callSiteKey() {
    List<LlmCall> joined;
    synchronized (this) {
      joined = List.copyOf(calls);
    }
    for (LlmCall call : joined) {
      CallSite site = call.callSite();
      if (site != null) {
        return site.pathKey();
      }
    }
    return joined.isEmpty() ? null : "";
  }

  @Override
  public void markConsumed() {
    decide(Fate.CONSUMED);
  }

  @Override
  public void markAbandoned() {
    decide(Fate.ABANDONED);
  }

  @Override
  public void markCancelled() {
    decide(Fate.CANCELLED);
  }

  private void decide(Fate decided) {
    List<LlmCall> joined;
    List<Runnable> releases;
    synchronized (this) {
      if (fate != Fate.UNKNOWN) {
        return;
      }
      fate = decided;
      joined = List.copyOf(calls);
      calls.clear();
      releases = List.copyOf(whenDecided);
      whenDecided.clear();
    }
    apply(decided, joined);
    releases.forEach(Runnable::run);
  }

  private static void apply(Fate fate, List<LlmCall> calls) {
    for (LlmCall call : calls) {
      call.sharedResultDecided(switch (fate) {
        case CONSUMED -> LlmCall.Disposition.CONSUMED;
        case CANCELLED -> LlmCall.Disposition.CANCELLED;
        default -> LlmCall.Disposition.ABANDONED;
      });
    }
  }
}
