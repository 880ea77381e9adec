package dev.llmcost.agent.tasks;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.llmcost.agent.http.TypeInstrumentation;
import dev.llmcost.bootstrap.TaskHooks;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code java.util.concurrent.FutureTask}, the future of every task submitted to a
 * {@code ThreadPoolExecutor} (and so to the pools of {@code Executors}, Spring's task executors,
 * {@code invokeAll}): which task a thread runs, and whether the application reads, cancels or
 * drops its future ({@link dev.llmcost.agent.call.TaskFutures}). The advice only hands over
 * references; a failure in it is suppressed, and the task runs and answers as it would.
 */
public final class FutureTaskInstrumentation implements TypeInstrumentation {
  static final String TYPE = "java.util.concurrent.FutureTask";

  private final ElementMatcher<? super MethodDescription> methods;
  private final Class<?> advice;

  private FutureTaskInstrumentation(ElementMatcher<? super MethodDescription> methods, Class<?> advice) {
    this.methods = methods;
    this.advice = advice;
  }

  public static List<TypeInstrumentation> all() {
    return List.of(
        new FutureTaskInstrumentation(named("run").and(takesArguments(0)), RunAdvice.class),
        // resultNow and exceptionNow exist from JDK 19; on 17 nothing matches them
        new FutureTaskInstrumentation(named("get").or(named("resultNow").and(takesArguments(0)))
            .or(named("exceptionNow").and(takesArguments(0))), ReadAdvice.class),
        new FutureTaskInstrumentation(named("cancel").and(takesArguments(1)), CancelAdvice.class));
  }

  @Override
  public String typeName() {
    return TYPE;
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

  /** Inlined into FutureTask.run: the task and its callable are this thread's while it runs. */
  public static final class RunAdvice {
    private RunAdvice() {}

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

  /** Inlined into FutureTask.get (both), resultNow and exceptionNow. */
  public static final class ReadAdvice {
    private ReadAdvice() {}

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.This Object task, @Advice.Thrown Throwable thrown) {
      TaskHooks.got(task, thrown);
    }
  }

  /** Inlined into FutureTask.cancel. */
  public static final class CancelAdvice {
    private CancelAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This Object task, @Advice.Return boolean cancelled) {
      TaskHooks.cancelled(task, cancelled);
    }
  }
}
