package dev.llmcost.agent.http.jdk;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.llmcost.agent.http.TypeInstrumentation;
import dev.llmcost.bootstrap.JdkHttpHooks;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code ResponseSubscribers.HttpResponseInputStream.getBody()} (JDK 11 to 25): the one place the
 * InputStream behind {@code BodyHandlers.ofInputStream()} and {@code ofLines()} (which maps it to
 * lines) is handed out. With these handlers the body is the result: the advice lets the agent
 * hand out the same stream observed, to learn whether the application reads it, closes it unread
 * or drops it ({@link ObservedInputStream}).
 */
public final class JdkInputStreamBodyInstrumentation implements TypeInstrumentation {
  @Override
  public String typeName() {
    return "jdk.internal.net.http.ResponseSubscribers$HttpResponseInputStream";
  }

  @Override
  public ElementMatcher<? super net.bytebuddy.description.method.MethodDescription> methods() {
    return named("getBody").and(takesArguments(0));
  }

  @Override
  public Class<?> adviceClass() {
    return GetBodyAdvice.class;
  }

  @Override
  public Class<?>[] bootstrapHooks() {
    return new Class<?>[] {JdkHttpHooks.class};
  }

  /** Inlined into HttpResponseInputStream: replaces the returned stage, nothing else. */
  public static final class GetBodyAdvice {
    private GetBodyAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object stage) {
      stage = JdkHttpHooks.inputStreamBody(stage);
    }
  }
}
