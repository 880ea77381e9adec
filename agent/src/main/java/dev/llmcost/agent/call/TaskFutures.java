package dev.llmcost.agent.call;

import dev.llmcost.bootstrap.TaskHooks;
import java.lang.ref.WeakReference;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Upfront firing through an executor: {@code futures.add(pool.submit(() -> client.send(...)))}
 * for every item, then a return at the first bad answer. Each task reads its own HTTP response,
 * so at the transport every call looks consumed; what the application drops is the task's future.
 * A synchronous LLM call made inside a submitted {@code Callable} therefore joins a
 * {@link SharedResult} for the task, decided by what the application does with the task's future:
 * read it ({@code get}, {@code join}, {@code resultNow}, an action attached to a
 * {@code CompletableFuture}), cancel it, or let it be collected unread. The same goes for the
 * supplier of {@code CompletableFuture.supplyAsync}, whose future the application holds; a stage
 * that transforms that future's result ({@code thenApply}, {@code handle}, {@code thenCompose},
 * ...) carries it on: reading the stage reads the result, which is abandoned only when the future
 * and every such stage are collected unread. Stages are usually attached before the supplier runs,
 * so a supplier's future is followed from its creation once a supplier of its kind has made an LLM
 * call; until then, a future that had stages before its call started is never judged abandoned.
 *
 * <p>A future collected unread is abandoned only if the application has read the future of some
 * task of the same kind (the same callable class, one lambda submitted in a loop, whose LLM call
 * came from the same place) before: that proves it reads these results through their futures.
 * Code that fires tasks and forgets them, never reading any future, is using the tasks' side
 * effects: its calls are consumed, as are those of a task that returned null (nothing to read) and
 * of {@code submit(Runnable)}. Their futures need no collection to say so: a task of such a kind
 * ended some seconds ago ({@link #settleFireAndForgetAfter}) is consumed then, so its span does
 * not wait for the collector. A {@code ForkJoinPool}'s submitted callables are followed as a
 * pool's are, and so are Guava's {@code ListeningExecutorService} tasks, whose listeners count as
 * reads; a {@code ForkJoinPool}'s own tasks and structured concurrency's subtasks are not.
 */
public final class TaskFutures implements TaskHooks.Impl {
  private static final String RUNNABLE_ADAPTER = "java.util.concurrent.Executors$RunnableAdapter";
  private static final String GUAVA = "com.google.common.util.concurrent.";

  /**
   * Per callable class, the call sites (path keys) of tasks whose futures have been read. One
   * class can stand for many kinds of task: a framework's own callable (Spring's {@code @Async}
   * wraps every method in the same lambda), so the LLM call's site tells them apart.
   */
  private static final ClassValue<Set<String>> READ_SITES_BY_KIND = new ClassValue<>() {
    @Override
    protected Set<String> computeValue(Class<?> type) {
      return ConcurrentHashMap.newKeySet();
    }
  };
  /** Past this many sites read for one callable class, new ones are not remembered. */
  static final int MAX_READ_SITES = 256;

  /** Per supplier class: whether a supplyAsync task of it made an LLM call. */
  private static final ClassValue<AtomicBoolean> CALLS_BY_KIND = new ClassValue<>() {
    @Override
    protected AtomicBoolean computeValue(Class<?> type) {
      return new AtomicBoolean();
    }
  };

  /** Slots of {@link #linkedPerSlot}, a power of two. */
  private static final int SLOTS = 1024;

  private final AbandonWatcher watcher;
  /** Tasks with LLM calls whose futures are not decided yet; weakly, as the application holds them. */
  private final Map<Object, TaskResult> waiting = new WeakHashMap<>();
  /**
   * How many futures of {@link #waiting} fall in each slot of identity hashes. While some task
   * waits, every future's read in the JVM asks whether it is one of them; a future whose slot is
   * empty is answered without the map's lock (on two threads, 91 ns a read with the lock).
   */
  private final AtomicIntegerArray linkedPerSlot = new AtomicIntegerArray(SLOTS);

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
    TaskResult known = waitingFor(task);
    if (known != null) {
      return known.shared;
    }
    // A supplyAsync future followed only from now: stages attached before were not seen, and
    // one that carried the result on could have been read. Such a result is never abandoned.
    boolean stagesUnseen = false;
    if (task instanceof CompletableFuture<?> future) {
      stagesUnseen = future.getNumberOfDependents() > 0;
      if (!CALLS_BY_KIND.get(callable.getClass()).getAndSet(true)) {
        TaskHooks.setFollowingSuppliers();
      }
    } else if (task.getClass().getName().startsWith(GUAVA)) {
      stagesUnseen = GuavaListeners.mayHaveListeners(task); // listeners, as stages
    }
    TaskResult result = new TaskResult(callable.getClass(), stagesUnseen);
    link(task, result);
    return result.shared;
  }

  /**
   * From now on, a task whose future is still unread {@code seconds} after the task ended, of a
   * kind whose futures the application has never read, is taken as fired and forgotten: its calls
   * are consumed then, which collecting its future would decide too, only later (in a quiet
   * service, minutes; a held future, only at exit). 0 leaves them to the collector.
   */
  public void settleFireAndForgetAfter(long seconds) {
    if (seconds > 0) {
      long afterNanos = TimeUnit.SECONDS.toNanos(seconds);
      watcher.onTick(() -> decideFireAndForget(System.nanoTime(), afterNanos));
    }
  }

  /** Decides the results of ended tasks unread for {@code afterNanos} whose kind is never read. */
  void decideFireAndForget(long nowNanos, long afterNanos) {
    for (TaskResult result : endedAndUnread()) {
      if (result.forgottenFor(nowNanos, afterNanos)) {
        result.shared.markConsumed();
      }
    }
  }

  /**
   * A supplier of a kind that made LLM calls before: its future is followed from its creation, so
   * every stage attached to it is seen, even those attached before its call starts.
   */
  @Override
  public void supplied(Object future, Object supplier) {
    if (!CALLS_BY_KIND.get(supplier.getClass()).get() || waitingFor(future) != null) {
      return;
    }
    link(future, new TaskResult(supplier.getClass(), false));
  }

  /**
   * One more future through which the result can be read: the task's own, or a stage that
   * transforms it. The result is abandoned only when all of them are collected unread.
   */
  private void link(Object future, TaskResult result) {
    int slot = slot(future);
    synchronized (waiting) {
      if (waiting.putIfAbsent(future, result) != null) {
        return;
      }
      linkedPerSlot.incrementAndGet(slot);
      TaskHooks.setWatching(true);
    }
    // Held weakly here too: the result (kept by the map and the watcher) must not keep the future.
    WeakReference<Object> futureRef = new WeakReference<>(future);
    result.shared.whenDecided(() -> forget(futureRef.get(), result, slot));
    watcher.watch(future, result, result.live);
  }

  private static int slot(Object future) {
    return System.identityHashCode(future) & (SLOTS - 1);
  }

  @Override
  public void passedOn(Object future, Object dependent) {
    TaskResult result = waitingFor(future);
    if (result != null) {
      link(dependent, result);
    }
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
    if (result != null && !TaskHooks.insideInvokeAll()) {
      result.kindRead();
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
    endedAndUnread().forEach(TaskResult::markAbandoned);
  }

  /** The results of tasks that have ended whose futures are still waiting to be read, each once. */
  private Set<TaskResult> endedAndUnread() {
    Set<TaskResult> ended = Collections.newSetFromMap(new IdentityHashMap<>());
    synchronized (waiting) {
      waiting.forEach((future, result) -> {
        if (future instanceof Future<?> f && f.isDone()) {
          ended.add(result);
        }
      });
    }
    return ended;
  }

  /** Tasks waiting for their futures' fate (for tests). */
  int waiting() {
    synchronized (waiting) {
      return waiting.size();
    }
  }

  private TaskResult waitingFor(Object task) {
    if (linkedPerSlot.get(slot(task)) == 0) {
      return null;
    }
    synchronized (waiting) {
      return waiting.get(task);
    }
  }

  /** @param task null once collected (the map has let go of it then) */
  private void forget(Object task, TaskResult result, int slot) {
    synchronized (waiting) {
      if (task != null && waiting.get(task) == result) {
        waiting.remove(task);
      }
      linkedPerSlot.decrementAndGet(slot);
      TaskHooks.setWatching(!waiting.isEmpty());
    }
  }

  /** One task's result: what its future's fate makes of the calls made for it. */
  private static final class TaskResult implements ResultUse {
    final SharedResult shared = new SharedResult();
    /** The callable's (or supplier's) class. */
    final Class<?> kind;
    /** How many of the futures that carry the result are still reachable. */
    final AtomicInteger live = new AtomicInteger();
    /** Stages may have carried the result away unseen: dropped unread proves nothing. */
    final boolean stagesUnseen;
    /** Whether, and since when, sweeps find the task ended, unread, of a kind never read. */
    private boolean forgotten;
    private long forgottenSinceNanos;

    TaskResult(Class<?> kind, boolean stagesUnseen) {
      this.kind = kind;
      this.stagesUnseen = stagesUnseen;
    }

    /**
     * This task's future was read: so are those of its kind whose calls come from the same site.
     * A read before the task made its call (an action attached to a supplier's future) says
     * nothing of the kind: no site is known yet.
     */
    void kindRead() {
      String site = shared.callSiteKey();
      Set<String> sites = READ_SITES_BY_KIND.get(kind);
      if (site != null && sites.size() < MAX_READ_SITES) {
        sites.add(site);
      }
    }

    private boolean kindIsRead() {
      Set<String> sites = READ_SITES_BY_KIND.get(kind);
      String site = sites.isEmpty() ? null : shared.callSiteKey();
      return site != null && sites.contains(site);
    }

    /** Whether a future of this result left unread means waste: such futures are read. */
    private boolean unreadIsAbandoned() {
      return !stagesUnseen && kindIsRead();
    }

    /**
     * True once the task has ended at least {@code afterNanos} ago (as sweeps saw it) and its
     * future, if collected unread, would make its calls consumed: nothing of its kind is read.
     * Only the watcher's thread asks.
     */
    boolean forgottenFor(long nowNanos, long afterNanos) {
      if (unreadIsAbandoned()) {
        forgotten = false; // a read of its kind since: collection decides it after all
        return false;
      }
      if (!forgotten) {
        forgotten = true;
        forgottenSinceNanos = nowNanos;
      }
      return nowNanos - forgottenSinceNanos >= afterNanos;
    }

    @Override
    public void markConsumed() {
      shared.markConsumed();
    }

    /** Collected (or left at exit) unread: abandoned if such futures are read, else used by the task itself. */
    @Override
    public void markAbandoned() {
      if (unreadIsAbandoned()) {
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
