package dev.llmcost.bench;

import dev.llmcost.agent.call.CallTracker;
import dev.llmcost.bootstrap.TaskHooks;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Reads of futures on two threads at once while a task with an LLM call waits for its own future
 * to be read: every future's read in the JVM then asks the agent whether it is one it waits for
 * (an application whose {@code @Async} methods make LLM calls is in this state all the time).
 */
@State(Scope.Benchmark)
public class FutureReadContentionBenchmark extends BenchmarkDefaults {
  private final CallTracker tracker = AgentParts.tracker(record -> { });
  /** Kept reachable, so the watch lasts the whole run. */
  private FutureTask<String> waiting;

  @Setup
  public void setUp() throws Exception {
    TaskHooks.install(tracker.taskFutures());
    waiting = AgentParts.taskWaitingToBeRead(tracker);
  }

  @TearDown
  public void tearDown() {
    TaskHooks.setWatching(false);
    TaskHooks.install(null);
  }

  /** Each thread's own future, unrelated to any LLM call. */
  @State(Scope.Thread)
  public static class Unrelated {
    final CompletableFuture<Integer> future = CompletableFuture.completedFuture(42);
  }

  @Benchmark
  @Threads(2)
  public Object readsOnTwoThreads(Unrelated unrelated) {
    TaskHooks.got(unrelated.future, null);
    return unrelated.future;
  }
}
