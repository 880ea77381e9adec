package dev.llmcost.agent.http.urlconnection;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.llmcost.agent.http.TypeInstrumentation;
import dev.llmcost.bootstrap.CallRejected;
import dev.llmcost.bootstrap.UrlConnectionHooks;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code java.net.HttpURLConnection}: the JDK's implementation,
 * {@code sun.net.www.protocol.http.HttpURLConnection}, which {@code HttpsURLConnectionImpl}
 * delegates to (through {@code DelegateHttpsURLConnection}) for https. Three public methods carry
 * an exchange: {@code getOutputStream} (the request body), {@code getInputStream} (sends the
 * request, returns the response body; {@code getResponseCode} goes through it) and
 * {@code disconnect}. JDK 17 to 25.
 */
public final class UrlConnectionInstrumentation implements TypeInstrumentation {
  static final String TYPE = "sun.net.www.protocol.http.HttpURLConnection";

  private final String method;
  private final Class<?> advice;

  private UrlConnectionInstrumentation(String method, Class<?> advice) {
    this.method = method;
    this.advice = advice;
  }

  public static List<TypeInstrumentation> all() {
    return List.of(
        new UrlConnectionInstrumentation("getOutputStream", OutputStreamAdvice.class),
        new UrlConnectionInstrumentation("getInputStream", InputStreamAdvice.class),
        new UrlConnectionInstrumentation("disconnect", DisconnectAdvice.class));
  }

  @Override
  public String typeName() {
    return TYPE;
  }

  @Override
  public ElementMatcher<? super MethodDescription> methods() {
    return named(method).and(takesArguments(0));
  }

  @Override
  public Class<?> adviceClass() {
    return advice;
  }

  @Override
  public Class<?>[] bootstrapHooks() {
    return new Class<?>[] {UrlConnectionHooks.class};
  }

  /** Inlined into getOutputStream(). */
  public static final class OutputStreamAdvice {
    private OutputStreamAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class, skipOn = CallRejected.class)
    public static Object enter(@Advice.This Object connection) {
      return UrlConnectionHooks.beforeOutputStream(connection);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
        @Advice.This Object connection,
        @Advice.Enter Object rejected,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object stream,
        @Advice.Thrown(readOnly = false) Throwable thrown) {
      if (rejected instanceof CallRejected) {
        // a guard rail refused the call before anything was sent (not even a connection opened)
        stream = null;
        thrown = ((CallRejected) rejected).reason();
      } else if (thrown == null) {
        stream = UrlConnectionHooks.outputStream(connection, stream);
      }
    }
  }

  /** Inlined into getInputStream(). */
  public static final class InputStreamAdvice {
    private InputStreamAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class, skipOn = CallRejected.class)
    public static Object enter(@Advice.This Object connection) {
      return UrlConnectionHooks.beforeInputStream(connection);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
        @Advice.This Object connection,
        @Advice.Enter Object token,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object stream,
        @Advice.Thrown(readOnly = false) Throwable thrown) {
      if (token instanceof CallRejected) {
        // a guard rail refused the call: the request was not sent; the caller gets the reason
        stream = null;
        thrown = ((CallRejected) token).reason();
      } else if (token != null) {
        stream = UrlConnectionHooks.inputStream(connection, token, stream, thrown);
      }
    }
  }

  /** Inlined into disconnect(). */
  public static final class DisconnectAdvice {
    private DisconnectAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object connection) {
      UrlConnectionHooks.disconnect(connection);
    }
  }
}
