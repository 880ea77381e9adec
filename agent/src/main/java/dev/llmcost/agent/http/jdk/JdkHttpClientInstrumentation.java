package dev.llmcost.agent.http.jdk;

import static net.bytebuddy.matcher.ElementMatchers.isPrivate;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.llmcost.agent.http.TypeInstrumentation;
import dev.llmcost.bootstrap.CallRejected;
import dev.llmcost.bootstrap.JdkHttpHooks;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code java.net.http.HttpClient}: both {@code send} and {@code sendAsync} funnel into the private
 * four-argument {@code HttpClientImpl.sendAsync} (JDK 11 to 25), so one hook sees every call once.
 * A null executor argument means the call came from the synchronous {@code send}.
 */
public final class JdkHttpClientInstrumentation implements TypeInstrumentation {
  @Override
  public String typeName() {
    return "jdk.internal.net.http.HttpClientImpl";
  }

  @Override
  public ElementMatcher<? super net.bytebuddy.description.method.MethodDescription> methods() {
    return named("sendAsync").and(takesArguments(4)).and(isPrivate());
  }

  @Override
  public Class<?> adviceClass() {
    return SendAdvice.class;
  }

  @Override
  public Class<?>[] bootstrapHooks() {
    return new Class<?>[] {JdkHttpHooks.class};
  }

  /** Inlined into HttpClientImpl: a few calls to the bootstrap hooks, nothing else. */
  public static final class SendAdvice {
    private SendAdvice() {}

    /** A guard rail's refusal skips the send; the exit hands the application a failed future. */
    @Advice.OnMethodEnter(suppress = Throwable.class, skipOn = CallRejected.class)
    public static Object enter(
        @Advice.Argument(0) Object request,
        @Advice.Argument(value = 1, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object handler,
        @Advice.Argument(3) Object executor) {
      if (handler == null) {
        return null; // the client throws NullPointerException and sends nothing: so do we
      }
      Object call = JdkHttpHooks.start(request, executor == null);
      if (call != null && !(call instanceof CallRejected)) {
        handler = JdkHttpHooks.wrapHandler(call, handler);
      }
      return call;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
        @Advice.Enter Object call,
        @Advice.Argument(0) Object request,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object future,
        @Advice.Thrown Throwable thrown) {
      if (call != null) {
        future = JdkHttpHooks.end(call, request, future, thrown);
      }
    }
  }
}
