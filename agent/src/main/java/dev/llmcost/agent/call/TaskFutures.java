package dev.llmcost.agent.call;

import dev.llmcost.bootstrap.TaskHooks;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Upfront firing through an executor: {@code futures.add(pool.submit(() -> client.send(...)))}
 * for every item, then a return at the first bad answer. Each task reads its own HTTP response,
 * so at the transport every call looks consumed; what the application drops is the task's future.
 * A synchronous LLM call made inside a submitted {@code Callable} therefore joins a
 * {@link SharedResult} for the task, decided by what the application does with the task's future:
 * read it ({@code get}, {@code join}, {@code resultNow}, a stage attached to a
 * {@code CompletableFuture}), cancel it, or let it be collected unread. The same goes for the
 * supplier of {@code CompletableFuture.supplyAsync}, whose future the application holds.
 *
 * <p>A future collected unread is abandoned only if the application has read the future of some
 * task of the same kind (the same callable class: one lambda submitted in a loop) before: that
 * proves it reads these results through their futures. Code that fires tasks and forgets them,
 * never reading any future, is using the tasks' side effects: its calls are consumed, as are those
 * of a task that returned null (nothing to read) and of {@code submit(Runnable)}. Tasks whose
 * future is neither (ForkJoinPool's own, structured concurrency's subtasks) are not followed.
 */
public final class TaskFutures implements TaskHooks.Impl {
  private static final String RUNNABLE_ADAPTER = "java.util.concurrent.Executors$RunnableAdapter";

  /** Per callable class: whether a future of such a task has been read. */
  private static final ClassValue<AtomicBoolean> READ_BY_KIND = new ClassValue<>() {
    @Override
    protected AtomicBoolean computeValue(Class<?> type) {
      return new AtomicBoolean();
    }
  };

  private final AbandonWatcher watcher;
  /** Tasks with LLM calls whose futures are not decided yet; weakly, as the application holds them. */
  private final Map<Object, TaskResult> waiting = new WeakHashMap<>();

  public TaskFutures(AbandonWatcher watcher) {
    this.watcher = watcher;
  }

  /**
   * The result a synchronous call starting on this thread belongs to: its task's, when the thread
   * runs a submitted callable; else null.
   */
  SharedResult forCurrentTask() {
    Object task = TaskHooks.currentTask();
    Object callable = task != null ? TaskHooks.currentCallable() : null;
    if (callable == null || callable.getClass().getName().equals(RUNNABLE_ADAPTER)) {
      return null;
    }
    TaskResult result;
    synchronized (waiting) {
      result = waiting.get(task);
      if (result != null) {
        return result.shared;
      }
      result = new TaskResult(READ_BY_KIND.get(callable.getClass()));
      waiting.put(task, result);
      TaskHooks.setWatching(true);
    }
    // Held weakly here too: the result (kept by the map and the watcher) must not keep the task.
    WeakReference<Object> taskRef = new WeakReference<>(task);
    TaskResult created = result;
    result.shared.whenDecided(() -> forget(taskRef.get(), created));
    watcher.watch(task, result);
    return result.shared;
  }

  @Override
  public void finishedWithNothingToRead(Object task) {
    TaskResult result = waitingFor(task);
    if (result != null) {
      result.shared.markConsumed();
    }
  }

  @Override
  public void read(Object task) {
    TaskResult result = waitingFor(task);
    if (result != null) {
      result.readKind.set(true);
      result.shared.markConsumed();
    }
  }

  @Override
  public void cancelled(Object task) {
    TaskResult result = waitingFor(task);
    if (result != null) {
      result.shared.markCancelled();
    }
  }

  /**
   * The JVM is exiting: the future of every finished task still unread is decided as if it had
   * been collected. Tasks still running are left to the exit, which stops their calls.
   */
  public void decideAtExit() {
    List<TaskResult> unread = new ArrayList<>();
    synchronized (waiting) {
      waiting.forEach((task, result) -> {
        if (task instanceof Future<?> future && future.isDone()) {
          unread.add(result);
        }
      });
    }
    unread.forEach(TaskResult::markAbandoned);
  }

  /** Tasks waiting for their futures' fate (for tests). */
  int waiting() {
    synchronized (waiting) {
      return waiting.size();
    }
  }

  private TaskResult waitingFor(Object task) {
    synchronized (waiting) {
      return waiting.get(task);
    }
  }

  /** @param task null once collected (the map has let go of it then) */
  private void forget(Object task, TaskResult result) {
    synchronized (waiting) {
      if (task != null && waiting.get(task) == result) {
        waiting.remove(task);
      }
      TaskHooks.setWatching(!waiting.isEmpty());
    }
  }

  /** One task's result: what its future's fate makes of the calls made for it. */
  private static final class TaskResult implements ResultUse {
    final SharedResult shared = new SharedResult();
    final AtomicBoolean readKind;

    TaskResult(AtomicBoolean readKind) {
      this.readKind = readKind;
    }

    @Override
    public void markConsumed() {
      shared.markConsumed();
    }

    /** Collected (or left at exit) unread: abandoned if such futures are read, else used by the task itself. */
    @Override
    public void markAbandoned() {
      if (readKind.get()) {
        shared.markAbandoned();
      } else {
        shared.markConsumed();
      }
    }

    @Override
    public void markCancelled() {
      shared.markCancelled();
    }

    @Override
    public void whenDecided(Runnable release) {
      shared.whenDecided(release);
    }
  }
}
