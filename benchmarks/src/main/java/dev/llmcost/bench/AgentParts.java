package dev.llmcost.bench;

import dev.llmcost.agent.call.AbandonWatcher;
import dev.llmcost.agent.call.CallSink;
import dev.llmcost.agent.call.CallSites;
import dev.llmcost.agent.call.CallTracker;
import dev.llmcost.agent.context.ApplicationContext;
import dev.llmcost.agent.provider.Endpoints;
import java.util.Set;

/** The agent's request-path objects, wired as the installer wires them. */
final class AgentParts {
  private AgentParts() {}

  static CallTracker tracker(CallSink sink) {
    return new CallTracker(Endpoints.defaults(), sink, new CallSites(), new AbandonWatcher(),
        1 << 20, false, new ApplicationContext(Set.of()));
  }
}
