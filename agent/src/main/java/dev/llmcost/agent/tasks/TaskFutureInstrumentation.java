package dev.llmcost.agent.tasks;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isPrivate;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.nameEndsWith;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.llmcost.agent.http.TypeInstrumentation;
import dev.llmcost.bootstrap.TaskHooks;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The futures of tasks handed to executors: {@code java.util.concurrent.FutureTask} (every task
 * submitted to a {@code ThreadPoolExecutor}, so to the pools of {@code Executors}, Spring's task
 * executors, {@code invokeAll}; JDK 25's virtual-thread executor), the {@code CompletableFuture}
 * of {@code supplyAsync}, the {@code ForkJoinTask} of {@code ForkJoinPool.submit(Callable)} and
 * Guava's {@code ListenableFuture} of a {@code ListeningExecutorService}:
 * which task a thread runs, and whether the application reads, cancels or drops its future
 * ({@link dev.llmcost.agent.call.TaskFutures}). The advice only hands over
 * references; a failure in it is suppressed, and the task runs and answers as it would.
 */
public final class TaskFutureInstrumentation implements TypeInstrumentation {
  private static final String FUTURE_TASK = "java.util.concurrent.FutureTask";
  private static final String COMPLETABLE_FUTURE = "java.util.concurrent.CompletableFuture";
  private static final String ASYNC_SUPPLY = COMPLETABLE_FUTURE + "$AsyncSupply";
  private static final String FORK_JOIN_TASK = "java.util.concurrent.ForkJoinTask";
  private static final String GUAVA = "com.google.common.util.concurrent.";

  private final String type;
  private final ElementMatcher<? super MethodDescription> methods;
  private final Class<?> advice;

  private TaskFutureInstrumentation(String type, ElementMatcher<? super MethodDescription> methods,
      Class<?> advice) {
    this.type = type;
    this.methods = methods;
    this.advice = advice;
  }

  public static List<TypeInstrumentation> all() {
    // resultNow and exceptionNow exist from JDK 19; on 17 nothing matches them
    ElementMatcher.Junction<MethodDescription> reads = named("get")
        .or(named("resultNow").and(takesArguments(0)))
        .or(named("exceptionNow").and(takesArguments(0)));
    ElementMatcher.Junction<MethodDescription> cancel = named("cancel").and(takesArguments(1));
    // thenApply, thenAccept, whenComplete, handle, thenCompose, ... and their Async forms all
    // create their stage in one of these (uniApplyStage, biAcceptStage, orRunStage, ...). Those
    // that transform the result hand it on to the stage they return, as ObservedFuture does; an
    // action attached (thenAccept, whenComplete, ...) receives it.
    ElementMatcher.Junction<MethodDescription> stages =
        isPrivate().and(not(isStatic())).and(nameEndsWith("Stage"));
    ElementMatcher.Junction<MethodDescription> passingStages = stages.and(namedOneOf("uniApplyStage",
        "uniHandleStage", "uniComposeStage", "uniExceptionallyStage", "uniComposeExceptionallyStage",
        "uniAsMinimalStage"));
    ElementMatcher.Junction<MethodDescription> whenComplete = stages.and(named("uniWhenCompleteStage"));
    ElementMatcher.Junction<MethodDescription> twoSourceStages =
        stages.and(nameStartsWith("bi").or(nameStartsWith("or"))).and(takesArguments(3));
    ElementMatcher.Junction<MethodDescription> receivingStages =
        stages.and(not(passingStages)).and(not(whenComplete)).and(not(twoSourceStages));
    return List.of(
        new TaskFutureInstrumentation(FUTURE_TASK, named("run").and(takesArguments(0)), TaskRunAdvice.class),
        new TaskFutureInstrumentation(FUTURE_TASK, reads, ReadAdvice.class),
        new TaskFutureInstrumentation(FUTURE_TASK, cancel, CancelAdvice.class),
        new TaskFutureInstrumentation("java.util.concurrent.AbstractExecutorService",
            named("invokeAll"), InvokeAllAdvice.class),
        new TaskFutureInstrumentation(ASYNC_SUPPLY, named("run").and(takesArguments(0)), SupplyRunAdvice.class),
        new TaskFutureInstrumentation(ASYNC_SUPPLY, isConstructor().and(takesArguments(2)), SuppliedAdvice.class),
        new TaskFutureInstrumentation(COMPLETABLE_FUTURE, reads.or(named("join")), ReadAdvice.class),
        new TaskFutureInstrumentation(COMPLETABLE_FUTURE, named("getNow").and(takesArguments(1)), GetNowAdvice.class),
        new TaskFutureInstrumentation(COMPLETABLE_FUTURE, receivingStages, StageAdvice.class),
        new TaskFutureInstrumentation(COMPLETABLE_FUTURE, passingStages, PassingStageAdvice.class),
        new TaskFutureInstrumentation(COMPLETABLE_FUTURE,
            named("uniCopyStage").and(isStatic()).and(takesArguments(1)), CopyAdvice.class),
        new TaskFutureInstrumentation(COMPLETABLE_FUTURE, whenComplete, WhenCompleteAdvice.class),
        new TaskFutureInstrumentation(COMPLETABLE_FUTURE, twoSourceStages, TwoSourceStageAdvice.class),
        new TaskFutureInstrumentation(COMPLETABLE_FUTURE, cancel, CancelAdvice.class),
        // ForkJoinPool.submit(Callable): AdaptedCallable runs it in exec; AdaptedInterruptibleCallable
        // in exec on JDK 17, in compute from JDK 19 (exec is then InterruptibleTask's)
        new TaskFutureInstrumentation(FORK_JOIN_TASK + "$AdaptedCallable",
            named("exec").and(takesArguments(0)), ForkJoinRunAdvice.class),
        new TaskFutureInstrumentation(FORK_JOIN_TASK + "$AdaptedInterruptibleCallable",
            namedOneOf("exec", "compute").and(takesArguments(0)), ForkJoinRunAdvice.class),
        new TaskFutureInstrumentation(FORK_JOIN_TASK, reads, ReadAdvice.class),
        new TaskFutureInstrumentation(FORK_JOIN_TASK, named("join").and(takesArguments(0)), JoinAdvice.class),
        new TaskFutureInstrumentation(FORK_JOIN_TASK, cancel, CancelAdvice.class),
        new TaskFutureInstrumentation(FORK_JOIN_TASK + "$InterruptibleTask", cancel, CancelAdvice.class),
        // Guava's ListeningExecutorService.submit(Callable): a TrustedListenableFutureTask, whose
        // inner task calls the callable in runInterruptibly. Any listener attached to a Guava
        // future (transform, addCallback, allAsList, ...) counts as a read: which of them only
        // pass the result on is not told apart, so a result used that way is never judged waste.
        new TaskFutureInstrumentation(GUAVA + "TrustedListenableFutureTask$TrustedFutureInterruptibleTask",
            named("runInterruptibly").and(takesArguments(0)), GuavaRunAdvice.class),
        new TaskFutureInstrumentation(GUAVA + "AbstractFuture", named("get"), ReadAdvice.class),
        new TaskFutureInstrumentation(GUAVA + "AbstractFuture", cancel, CancelAdvice.class),
        new TaskFutureInstrumentation(GUAVA + "AbstractFuture",
            named("addListener").and(takesArguments(2)), StageAdvice.class));
  }

  @Override
  public String typeName() {
    return type;
  }

  @Override
  public ElementMatcher<? super MethodDescription> methods() {
    return methods;
  }

  @Override
  public Class<?> adviceClass() {
    return advice;
  }

  @Override
  public Class<?>[] bootstrapHooks() {
    return new Class<?>[] {TaskHooks.class};
  }

  /**
   * An application may run pool tasks as it starts, long before its first LLM call: they must
   * not wait a second for ByteBuddy (a ForkJoinPool task did, 1,026 ms).
   */
  @Override
  public boolean loadWaitsUntilReady() {
    return false;
  }

  /** Inlined into FutureTask.run: the task and its callable are this thread's while it runs. */
  public static final class TaskRunAdvice {
    private TaskRunAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.This Object task,
        @Advice.FieldValue("callable") Object callable) {
      return TaskHooks.runs(task, callable);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object token, @Advice.This Object task,
        @Advice.FieldValue("state") int state, @Advice.FieldValue("outcome") Object outcome) {
      TaskHooks.ran(token, task, state, outcome);
    }
  }

  /**
   * Inlined into CompletableFuture's AsyncSupply.run (supplyAsync): the future the application
   * holds and the supplier are this thread's while the supplier runs (read before run clears them).
   */
  public static final class SupplyRunAdvice {
    private SupplyRunAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.FieldValue("dep") Object future,
        @Advice.FieldValue("fn") Object supplier) {
      return future != null ? TaskHooks.runs(future, supplier) : null;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object token) {
      TaskHooks.ran(token, null, -1, null);
    }
  }

  /**
   * Inlined into AsyncSupply's constructor, before supplyAsync hands the task to its executor: the
   * future of a supplier known to make LLM calls is followed before any stage is attached to it.
   */
  public static final class SuppliedAdvice {
    private SuppliedAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Argument(0) Object future, @Advice.Argument(1) Object supplier) {
      TaskHooks.supplied(future, supplier);
    }
  }

  /** Inlined where a ForkJoinPool runs a submitted Callable: the task and its callable are this thread's. */
  public static final class ForkJoinRunAdvice {
    private ForkJoinRunAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.This Object task,
        @Advice.FieldValue("callable") Object callable) {
      return TaskHooks.runs(task, callable);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object token) {
      TaskHooks.ran(token, null, -1, null);
    }
  }

  /**
   * Inlined into the inner task of Guava's TrustedListenableFutureTask, which calls the callable:
   * the future the application holds ({@code this$0}) and the callable are this thread's.
   */
  public static final class GuavaRunAdvice {
    private GuavaRunAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.FieldValue("this$0") Object future,
        @Advice.FieldValue("callable") Object callable) {
      return TaskHooks.runs(future, callable);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object token) {
      TaskHooks.ran(token, null, -1, null);
    }
  }

  /**
   * Inlined into ForkJoinTask.join, which throws the task's own failure, not wrapped: anything but
   * a cancellation hands the outcome over.
   */
  public static final class JoinAdvice {
    private JoinAdvice() {}

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.This Object task, @Advice.Thrown Throwable thrown) {
      if (!(thrown instanceof CancellationException)) {
        TaskHooks.got(task, null);
      }
    }
  }

  /**
   * Inlined into AbstractExecutorService.invokeAll (ThreadPoolExecutor's, the virtual-thread
   * executor's), which waits for each task with get: those waits are not the application's reads.
   */
  public static final class InvokeAllAdvice {
    private InvokeAllAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter() {
      return TaskHooks.invokingAll();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object token) {
      TaskHooks.invokedAll(token);
    }
  }

  /** Inlined into get (both), join, resultNow and exceptionNow. */
  public static final class ReadAdvice {
    private ReadAdvice() {}

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.This Object future, @Advice.Thrown Throwable thrown) {
      TaskHooks.got(future, thrown);
    }
  }

  /** Inlined into CompletableFuture.getNow: a future still running hands over nothing. */
  public static final class GetNowAdvice {
    private GetNowAdvice() {}

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.This Object future, @Advice.Thrown Throwable thrown) {
      if (((Future<?>) future).isDone()) {
        TaskHooks.got(future, thrown);
      }
    }
  }

  /** Inlined where a stage transforming the result is created: it reads on the future it returns. */
  public static final class PassingStageAdvice {
    private PassingStageAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This Object future, @Advice.Return Object dependent) {
      TaskHooks.passedOn(future, dependent);
    }
  }

  /** Inlined into uniCopyStage (copy): the copy carries the same result. */
  public static final class CopyAdvice {
    private CopyAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Argument(0) Object future, @Advice.Return Object copy) {
      TaskHooks.passedOn(future, copy);
    }
  }

  /** Inlined into uniWhenCompleteStage: the action receives the result (orTimeout's does not). */
  public static final class WhenCompleteAdvice {
    private WhenCompleteAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object future, @Advice.Argument(1) Object action) {
      TaskHooks.actionAttached(future, action);
    }
  }

  /** Inlined where CompletableFuture creates a stage whose action receives the result: it is used. */
  public static final class StageAdvice {
    private StageAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object future) {
      TaskHooks.got(future, null);
    }
  }

  /** As {@link StageAdvice}, for stages fed by two futures (thenCombine, acceptEither, ...). */
  public static final class TwoSourceStageAdvice {
    private TwoSourceStageAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object future, @Advice.Argument(1) Object other) {
      TaskHooks.got(future, null);
      if (other instanceof CompletableFuture) { // a supplyAsync future, perhaps
        TaskHooks.got(other, null);
      }
    }
  }

  /** Inlined into cancel. */
  public static final class CancelAdvice {
    private CancelAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This Object future, @Advice.Return boolean cancelled) {
      TaskHooks.cancelled(future, cancelled);
    }
  }
}
