package dev.llmcost.agent.http.jdk;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.llmcost.agent.http.TypeInstrumentation;
import dev.llmcost.bootstrap.JdkHttpHooks;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code ResponseSubscribers.TrustedSubscriber.needsExecutor(BodySubscriber)} (JDK 17 and 25): the
 * one place the JDK decides whether a response's {@code getBody()} must be handed to the client's
 * executor, true for any subscriber that is not its own. The agent's {@link TeeingBodySubscriber}
 * would lose the trust of the subscriber it wraps and add an executor task to every observed call
 * (on {@code send}, where the JDK otherwise runs {@code getBody()} in place); the advice asks the
 * question about the wrapped subscriber instead.
 */
public final class JdkTrustedSubscriberInstrumentation implements TypeInstrumentation {
  @Override
  public String typeName() {
    return "jdk.internal.net.http.ResponseSubscribers$TrustedSubscriber";
  }

  @Override
  public ElementMatcher<? super net.bytebuddy.description.method.MethodDescription> methods() {
    return named("needsExecutor").and(isStatic()).and(takesArguments(1));
  }

  @Override
  public Class<?> adviceClass() {
    return NeedsExecutorAdvice.class;
  }

  @Override
  public Class<?>[] bootstrapHooks() {
    return new Class<?>[] {JdkHttpHooks.class};
  }

  /** Inlined into TrustedSubscriber: replaces the argument with the subscriber the agent wraps. */
  public static final class NeedsExecutorAdvice {
    private NeedsExecutorAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(
        @Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object subscriber) {
      subscriber = JdkHttpHooks.unwrapSubscriber(subscriber);
    }
  }
}
