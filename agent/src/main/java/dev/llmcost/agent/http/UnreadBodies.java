package dev.llmcost.agent.http;

import dev.llmcost.agent.AgentThreads;
import dev.llmcost.bootstrap.TrackedCall;
import java.lang.ref.Cleaner;

/**
 * Ends a call whose response the application let go of without reading it to the end or closing
 * it (asked for the status only, then dropped the connection or the response): once the object
 * the body is read through is collected nobody can read it any more, and the call would otherwise
 * stay in flight, with its prompt, until the JVM exits. Reported as closed early; ignored by a call
 * that ended.
 */
final class UnreadBodies {
  private UnreadBodies() {}

  /** {@code call} ends when {@code body}, what the response is read through, is collected. */
  static void watch(Object body, TrackedCall call) {
    Holder.CLEANER.register(body, call::onClosedByApp);
  }

  /** The cleaner's thread starts with the first call that needs it. */
  private static final class Holder {
    // Started from an application thread, and lives as long as the JVM.
    static final Cleaner CLEANER =
        Cleaner.create(task -> AgentThreads.daemon(task, "llm-cost-agent-unread-bodies"));
  }
}
