package dev.llmcost.bootstrap;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Called by advice inlined into {@code java.util.concurrent.FutureTask}, the future an
 * {@code ExecutorService} hands out for each submitted task, and into {@code CompletableFuture}
 * for {@code supplyAsync}. An LLM call made inside a task belongs to the task's result, which the
 * application reads through that future, or drops.
 *
 * <p>Every task of the JVM passes here, so the common path is two static calls and one
 * thread-local read a task; the reads of a future only reach the agent while some task that made
 * an LLM call is still waiting to be read ({@link #setWatching}).
 */
public final class TaskHooks {
  /** The agent's side of these hooks. */
  public interface Impl {
    /** A task that made LLM calls finished with a null result: there is nothing to read. */
    void finishedWithNothingToRead(Object task);

    /** The application received the task's result, or its failure, from its future. */
    void read(Object task);

    /** The application cancelled the task's future. */
    void cancelled(Object task);

    /**
     * A stage that transforms the result ({@code thenApply}, {@code handle}, {@code thenCompose},
     * ...) was attached to {@code future}: whoever reads {@code dependent} reads the result.
     */
    void passedOn(Object future, Object dependent);

    /** {@code supplyAsync} handed {@code supplier} to an executor; {@code future} is its result. */
    void supplied(Object future, Object supplier);
  }

  /** The action orTimeout and completeOnTimeout attach with whenComplete: it reads nothing. */
  private static final String TIMEOUT_CANCELLER = "java.util.concurrent.CompletableFuture$Canceller";

  /** FutureTask's state once its callable returned normally (stable since JDK 7). */
  private static final int NORMAL = 2;

  private static volatile Impl impl;
  /** True while some task with LLM calls waits for its future to be read. */
  private static volatile boolean watching;
  /** True once a supplyAsync supplier made an LLM call: such futures are followed from the start. */
  private static volatile boolean followingSuppliers;
  private static final ThreadLocal<Running> RUNNING = new ThreadLocal<>();
  /** Set on a thread inside {@code invokeAll}, whose own waits on its tasks hand nothing over. */
  private static final ThreadLocal<Boolean> INVOKING_ALL = new ThreadLocal<>();

  private TaskHooks() {}

  public static void install(Impl implementation) {
    impl = implementation;
  }

  public static void setWatching(boolean any) {
    watching = any;
  }

  public static void setFollowingSuppliers() {
    followingSuppliers = true;
  }

  /** {@code supplyAsync} created {@code future} for {@code supplier}, not yet run. */
  public static void supplied(Object future, Object supplier) {
    if (!followingSuppliers) {
      return;
    }
    Impl i = impl;
    if (i == null || future == null || supplier == null) {
      return;
    }
    try {
      i.supplied(future, supplier);
    } catch (Throwable t) {
      HookErrors.record("task supplied", t);
    }
  }

  /**
   * {@code invokeAll} begins: it waits for every task with {@code get}, which reads nothing for
   * the application (it reads the futures it is handed afterwards, or drops them). Returns the
   * token for {@link #invokedAll}.
   */
  public static Object invokingAll() {
    Boolean outer = INVOKING_ALL.get();
    INVOKING_ALL.set(Boolean.TRUE);
    return outer;
  }

  public static void invokedAll(Object token) {
    if (token == null) {
      INVOKING_ALL.remove();
    }
  }

  /** True while this thread is inside {@code invokeAll}. */
  public static boolean insideInvokeAll() {
    return INVOKING_ALL.get() != null;
  }

  /** The task this thread is running now; its callable beside it. Null outside tasks. */
  private static final class Running {
    Object task;
    Object callable;
  }

  /** A task run inside another's (a completion service's wrapper): the outer one, to restore. */
  private static final class Outer {
    final Running running;
    final Object task;
    final Object callable;

    Outer(Running running) {
      this.running = running;
      this.task = running.task;
      this.callable = running.callable;
    }
  }

  /**
   * A task's run begins ({@code FutureTask.run}, the supplier of a {@code supplyAsync}); returns
   * the token for {@link #ran}, or null.
   */
  public static Object runs(Object task, Object callable) {
    if (impl == null) {
      return null;
    }
    try {
      Running running = RUNNING.get();
      if (running == null) {
        running = new Running();
        RUNNING.set(running);
      }
      Object token = running.task == null ? running : new Outer(running);
      running.task = task;
      running.callable = callable;
      return token;
    } catch (Throwable t) {
      HookErrors.record("task start", t);
      return null;
    }
  }

  /**
   * {@code FutureTask.run} ended, leaving the task in {@code state} with {@code outcome} (a
   * supplier's run passes a state of -1: its result is not looked at).
   */
  public static void ran(Object token, Object task, int state, Object outcome) {
    if (token == null) {
      return;
    }
    try {
      if (token instanceof Running running) {
        running.task = null;
        running.callable = null;
      } else {
        Outer outer = (Outer) token;
        outer.running.task = outer.task;
        outer.running.callable = outer.callable;
      }
      Impl i = impl;
      if (watching && i != null && state == NORMAL && outcome == null) {
        i.finishedWithNothingToRead(task);
      }
    } catch (Throwable t) {
      HookErrors.record("task end", t);
    }
  }

  /** The task running on this thread, or null. */
  public static Object currentTask() {
    Running running = RUNNING.get();
    return running != null ? running.task : null;
  }

  /** The callable of the task running on this thread, or null. */
  public static Object currentCallable() {
    Running running = RUNNING.get();
    return running != null ? running.callable : null;
  }

  /**
   * {@code get}, {@code join}, {@code resultNow} or {@code exceptionNow} returned or threw
   * {@code thrown}, or a stage that receives the result was attached (then {@code thrown} is
   * null): the result, or the task's failure, was handed over unless the wait timed out, was
   * interrupted, or found the task cancelled or not done.
   */
  public static void got(Object task, Throwable thrown) {
    if (!watching) {
      return;
    }
    Impl i = impl;
    if (i == null || (thrown != null && !(thrown instanceof ExecutionException)
        && !(thrown instanceof CompletionException))) {
      return;
    }
    try {
      i.read(task);
    } catch (Throwable t) {
      HookErrors.record("task result read", t);
    }
  }

  /**
   * {@code whenComplete} attached {@code action} to {@code future}: it receives the result, unless
   * it is the JDK's own for a timeout.
   */
  public static void actionAttached(Object future, Object action) {
    if (watching && (action == null || !action.getClass().getName().equals(TIMEOUT_CANCELLER))) {
      got(future, null);
    }
  }

  /** A transforming stage {@code dependent} was created on {@code future}. */
  public static void passedOn(Object future, Object dependent) {
    if (!watching) {
      return;
    }
    Impl i = impl;
    if (i == null || dependent == null) {
      return;
    }
    try {
      i.passedOn(future, dependent);
    } catch (Throwable t) {
      HookErrors.record("task result passed on", t);
    }
  }

  /** {@code cancel} returned {@code cancelled}. */
  public static void cancelled(Object task, boolean cancelled) {
    if (!watching || !cancelled) {
      return;
    }
    Impl i = impl;
    if (i == null) {
      return;
    }
    try {
      i.cancelled(task);
    } catch (Throwable t) {
      HookErrors.record("task cancel", t);
    }
  }
}
