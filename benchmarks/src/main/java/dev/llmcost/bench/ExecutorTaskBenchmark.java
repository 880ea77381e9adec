package dev.llmcost.bench;

import dev.llmcost.bootstrap.TaskHooks;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What every task of the JVM's thread pools pays for the advice on {@code FutureTask}: the hook
 * calls it makes around {@code run} and {@code get}, with the agent installed and no task with an
 * LLM call waiting for its future (so a read goes no further than one volatile check).
 */
@State(Scope.Thread)
public class ExecutorTaskBenchmark extends BenchmarkDefaults {
  /** FutureTask's state once its callable returned. */
  private static final int NORMAL = 2;
  private final Callable<Integer> callable = () -> 42;

  @Setup
  public void setUp() {
    TaskHooks.install(AgentParts.tracker(record -> { }).taskFutures());
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
}
