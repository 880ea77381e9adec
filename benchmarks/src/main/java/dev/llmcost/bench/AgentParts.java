package dev.llmcost.bench;

import dev.llmcost.agent.call.AbandonWatcher;
import dev.llmcost.agent.call.CallSink;
import dev.llmcost.agent.call.CallSites;
import dev.llmcost.agent.call.CallTracker;
import dev.llmcost.agent.context.ApplicationContext;
import dev.llmcost.agent.provider.Endpoints;
import dev.llmcost.bootstrap.TaskHooks;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;

/** The agent's request-path objects, wired as the installer wires them. */
final class AgentParts {
  private AgentParts() {}

  static CallTracker tracker(CallSink sink) {
    return new CallTracker(Endpoints.defaults(), sink, new CallSites(), new AbandonWatcher(),
        1 << 20, false, new ApplicationContext(Set.of()));
  }

  /**
   * A pool task that made an LLM call, run as FutureTask.run does under the advice, its future not
   * read: while the caller keeps it, every future's read asks the agent whether it is this one.
   * The hooks must be installed ({@code TaskHooks.install(tracker.taskFutures())}).
   */
  static FutureTask<String> taskWaitingToBeRead(CallTracker tracker) throws Exception {
    Callable<String> llmTask = () -> "answer";
    FutureTask<String> waiting = new FutureTask<>(llmTask);
    Object token = TaskHooks.runs(waiting, llmTask);
    byte[] request = ProviderBodies.openAiChatRequest(false);
    tracker.start(tracker.match("POST", "https", "api.openai.com", 443, "/v1/chat/completions"),
        "api.openai.com", 443, "/v1/chat/completions", request, true);
    TaskHooks.ran(token, waiting, FUTURE_TASK_NORMAL, "answer");
    return waiting;
  }

  /** FutureTask's state once its callable returned. */
  static final int FUTURE_TASK_NORMAL = 2;
}
