package dev.llmcost.bench;

import dev.llmcost.agent.call.CallTracker;
import dev.llmcost.bootstrap.TaskHooks;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What every task of the JVM's thread pools, and every read of a future, pays for the advice on
 * {@code FutureTask} and {@code CompletableFuture}: the hook calls it makes, with the agent
 * installed. While no task with an LLM call waits for its future to be read, a read goes no
 * further than one volatile check; while one does, every read asks whether its identity-hash
 * slot holds a waiting future (and looks it up only then).
 */
@State(Scope.Thread)
public class ExecutorTaskBenchmark extends BenchmarkDefaults {
  private static final int NORMAL = AgentParts.FUTURE_TASK_NORMAL;
  private final Callable<Integer> callable = () -> 42;
  private final CallTracker tracker = AgentParts.tracker(record -> { });

  @Setup
  public void setUp() {
    TaskHooks.install(tracker.taskFutures());
  }

  @TearDown
  public void tearDown() {
    TaskHooks.install(null);
  }

  /** An empty task run and read on one thread, as a pool's worker and the application would. */
  @Benchmark
  public Integer taskWithoutTheAgent() throws Exception {
    FutureTask<Integer> task = new FutureTask<>(callable);
    task.run();
    return task.get();
  }

  /** The same with the calls the advice makes (the difference is the agent's). */
  @Benchmark
  public Integer task() throws Exception {
    FutureTask<Integer> task = new FutureTask<>(callable);
    Object token = TaskHooks.runs(task, callable);
    try {
      task.run();
    } finally {
      TaskHooks.ran(token, task, NORMAL, 42);
    }
    Integer value = task.get();
    TaskHooks.got(task, null);
    return value;
  }

  /**
   * A read of some other future (a stage attached, a join) while a task with an LLM call waits
   * for its future to be read: the look-up every read of a future then pays.
   */
  @Benchmark
  public Object readWhileATaskWaits(TaskWaiting waiting) {
    TaskHooks.got(waiting.unrelated, null);
    return waiting.unrelated;
  }

  /** One task that made an LLM call, its future not read. */
  @State(Scope.Thread)
  public static class TaskWaiting {
    final CompletableFuture<Integer> unrelated = CompletableFuture.completedFuture(42);
    /** Kept reachable, so the watch lasts the whole run. */
    FutureTask<String> waiting;

    @Setup
    public void setUp(ExecutorTaskBenchmark agent) throws Exception {
      waiting = AgentParts.taskWaitingToBeRead(agent.tracker); // installed by the benchmark's set-up
    }

    @TearDown
    public void tearDown() {
      TaskHooks.setWatching(false);
    }
  }
}
