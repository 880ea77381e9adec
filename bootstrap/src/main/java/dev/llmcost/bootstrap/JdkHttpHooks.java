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

    /**
     * Returns the future the caller should receive instead of {@code future}. Runs on the thread
     * that started the call, once the client has sent the request on its way.
     */
    Object end(Object call, Object request, Object future, Throwable thrown);

    /**
     * Returns the stage {@code HttpResponseInputStream.getBody()} should return instead of
     * {@code stage}: the same InputStream, observed, when it is an LLM call's body.
     */
    Object inputStreamBody(Object stage);
  }

  /**
   * Implemented by the agent's {@code BodySubscriber} wrapper: the application's subscriber inside.
   * The JDK asks {@code ResponseSubscribers.TrustedSubscriber.needsExecutor(subscriber)} whether
   * it may call a subscriber's {@code getBody()} in place; advice makes it answer for the wrapper
   * what it answers for the wrapped subscriber, so wrapping moves no work to the client's executor.
   */
  public interface WrappedSubscriber {
    Object wrappedSubscriber();
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

  public static Object end(Object call, Object request, Object future, Throwable thrown) {
    Impl i = impl;
    if (i == null || call == null) {
      return future;
    }
    try {
      Object replacement = i.end(call, request, future, thrown);
      return replacement != null ? replacement : future;
    } catch (Throwable t) {
      HookErrors.record("JDK HttpClient end", t);
      return future;
    }
  }

  /**
   * Called on exit from {@code ResponseSubscribers.HttpResponseInputStream.getBody()}, the body
   * behind {@code ofInputStream()} and {@code ofLines()}, for every such response in the JVM.
   */
  public static Object inputStreamBody(Object stage) {
    Impl i = impl;
    if (i == null || stage == null) {
      return stage;
    }
    try {
      Object replacement = i.inputStreamBody(stage);
      return replacement != null ? replacement : stage;
    } catch (Throwable t) {
      HookErrors.record("JDK HttpClient InputStream body", t);
      return stage;
    }
  }

  /**
   * The subscriber the JDK should judge in {@code TrustedSubscriber.needsExecutor}: the wrapped
   * one for the agent's wrapper, else {@code subscriber} itself. Runs for every response body the
   * JVM receives, LLM or not: one type check.
   */
  public static Object unwrapSubscriber(Object subscriber) {
    try {
      return subscriber instanceof WrappedSubscriber w ? w.wrappedSubscriber() : subscriber;
    } catch (Throwable t) {
      HookErrors.record("JDK HttpClient subscriber trust", t);
      return subscriber;
    }
  }
}
