package dev.llmcost.bootstrap;

/**
 * Called by advice inlined into {@code jdk.internal.net.http.HttpClientImpl}. Types are Object
 * because the boot loader cannot see {@code java.net.http}; the installed implementation can.
 */
public final class JdkHttpHooks {
  /** The agent's side of these hooks. */
  public interface Impl {
    /** Returns a call token when the request goes to an LLM endpoint, else null. */
    Object start(Object request, boolean synchronous);

    /** Returns the BodyHandler the client should use instead of {@code handler}. */
    Object wrapHandler(Object call, Object handler);

    /** Returns the future the caller should receive instead of {@code future}. */
    Object end(Object call, Object future, Throwable thrown);
  }

  private static volatile Impl impl;

  private JdkHttpHooks() {}

  public static void install(Impl implementation) {
    impl = implementation;
  }

  public static Object start(Object request, boolean synchronous) {
    Impl i = impl;
    if (i == null) {
      return null;
    }
    try {
      return i.start(request, synchronous);
    } catch (Throwable t) {
      HookErrors.record("JDK HttpClient start", t);
      return null;
    }
  }

  public static Object wrapHandler(Object call, Object handler) {
    Impl i = impl;
    if (i == null || call == null) {
      return handler;
    }
    try {
      return i.wrapHandler(call, handler);
    } catch (Throwable t) {
      HookErrors.record("JDK HttpClient body handler", t);
      return handler;
    }
  }

  public static Object end(Object call, Object future, Throwable thrown) {
    Impl i = impl;
    if (i == null || call == null) {
      return future;
    }
    try {
      Object replacement = i.end(call, future, thrown);
      return replacement != null ? replacement : future;
    } catch (Throwable t) {
      HookErrors.record("JDK HttpClient end", t);
      return future;
    }
  }
}
