package dev.llmcost.agent.http.okhttp;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.llmcost.agent.AppClassNames;
import dev.llmcost.agent.http.TypeInstrumentation;
import dev.llmcost.bootstrap.CallRejected;
import dev.llmcost.bootstrap.OkHttpHooks;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * OkHttp 4.x and 5.x: every call, synchronous or not, goes through {@code RealCall.execute()} or
 * {@code RealCall.enqueue(Callback)} once, on the thread that started it. Hooking the call rather
 * than adding an interceptor leaves every OkHttpClient as the application built it, and also
 * covers clients built before a runtime attach.
 */
public final class OkHttpInstrumentation {
  /** The application's RealCall; joined at run time so shading keeps it apart from ours. */
  static final String REAL_CALL = AppClassNames.join("ok", "http3.internal.connection.RealCall");

  private OkHttpInstrumentation() {}

  public static List<TypeInstrumentation> all() {
    return List.of(new Execute(), new Enqueue());
  }

  /** {@code RealCall.execute()}: the response goes straight to the caller. */
  static final class Execute implements TypeInstrumentation {
    @Override
    public String typeName() {
      return REAL_CALL;
    }

    @Override
    public ElementMatcher<? super MethodDescription> methods() {
      return named("execute").and(takesArguments(0)).and(isPublic());
    }

    @Override
    public Class<?> adviceClass() {
      return ExecuteAdvice.class;
    }

    @Override
    public Class<?>[] bootstrapHooks() {
      return new Class<?>[] {OkHttpHooks.class};
    }
  }

  /** {@code RealCall.enqueue(Callback)}: the response goes to the callback, on a dispatcher thread. */
  static final class Enqueue implements TypeInstrumentation {
    @Override
    public String typeName() {
      return REAL_CALL;
    }

    @Override
    public ElementMatcher<? super MethodDescription> methods() {
      return named("enqueue").and(takesArguments(1)).and(isPublic());
    }

    @Override
    public Class<?> adviceClass() {
      return EnqueueAdvice.class;
    }

    @Override
    public Class<?>[] bootstrapHooks() {
      return new Class<?>[] {OkHttpHooks.class};
    }
  }

  /** Inlined into RealCall.execute: a few calls to the bootstrap hooks, nothing else. */
  public static final class ExecuteAdvice {
    private ExecuteAdvice() {}

    /** A guard rail's refusal skips the call; the exit throws its reason instead. */
    @Advice.OnMethodEnter(suppress = Throwable.class, skipOn = CallRejected.class)
    public static Object enter(@Advice.This Object call) {
      return OkHttpHooks.start(call, true);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
        @Advice.Enter Object token,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object response,
        @Advice.Thrown(readOnly = false) Throwable thrown) {
      if (token instanceof CallRejected) {
        thrown = ((CallRejected) token).reason();
      } else if (token != null) {
        response = OkHttpHooks.end(token, response, thrown);
      }
    }
  }

  /** Inlined into RealCall.enqueue: the callback OkHttp keeps is one that observes the response. */
  public static final class EnqueueAdvice {
    private EnqueueAdvice() {}

    /** A guard rail's refusal skips the enqueue and goes to the callback instead. */
    @Advice.OnMethodEnter(suppress = Throwable.class, skipOn = CallRejected.class)
    public static Object enter(
        @Advice.This Object call,
        @Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object callback) {
      if (callback == null) {
        return null; // OkHttp throws NullPointerException and sends nothing: so do we
      }
      Object token = OkHttpHooks.start(call, false);
      if (token instanceof CallRejected) {
        OkHttpHooks.refuse(token, call, callback);
      } else if (token != null) {
        callback = OkHttpHooks.wrapCallback(token, callback);
      }
      return token;
    }
  }
}
