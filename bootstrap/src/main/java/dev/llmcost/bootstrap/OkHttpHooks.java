package dev.llmcost.bootstrap;

/**
 * Called by advice inlined into OkHttp's {@code RealCall} (4.x and 5.x) and by the few classes the
 * agent defines inside the application's OkHttp package ({@link OkHttpAccess}). Types are Object:
 * neither the boot loader nor the agent can name the application's OkHttp classes.
 */
public final class OkHttpHooks {
  /** The agent's side of these hooks. */
  public interface Impl {
    /** A call is about to run; returns a token when it goes to an LLM endpoint, else null. */
    Object start(Object call, boolean synchronous);

    /** An enqueued call a guard rail refused: its callback learns it, as OkHttp would tell it. */
    void refuse(Object rejected, Object call, Object callback);

    /** Returns the Callback that {@code enqueue} should hold instead of {@code callback}. */
    Object wrapCallback(Object token, Object callback);

    /** The response arrived (or the call failed); returns the Response to hand the application. */
    Object end(Object token, Object response, Throwable thrown);

    /** The application's read of the response body returned these bytes. */
    void bodyBytes(Object body, byte[] bytes);

    /** The application's read of the response body reached its end. */
    void bodyEnded(Object body);

    /** The application's read of the response body failed. */
    void bodyFailed(Object body, Throwable thrown);

    /**
     * The response body is being closed (at its end or before). Returns true when the agent takes
     * the closing over: the body was dropped unread and will be read to its end, then closed.
     */
    boolean bodyClosed(Object body);
  }

  private static volatile Impl impl;

  private OkHttpHooks() {}

  public static void install(Impl implementation) {
    impl = implementation;
  }

  public static Object start(Object call, boolean synchronous) {
    Impl i = impl;
    if (i == null) {
      return null;
    }
    try {
      return i.start(call, synchronous);
    } catch (Throwable t) {
      HookErrors.record("OkHttp start", t);
      return null;
    }
  }

  public static Object wrapCallback(Object token, Object callback) {
    Impl i = impl;
    if (i == null || token == null) {
      return callback;
    }
    try {
      Object wrapped = i.wrapCallback(token, callback);
      return wrapped != null ? wrapped : callback;
    } catch (Throwable t) {
      HookErrors.record("OkHttp callback", t);
      return callback;
    }
  }

  public static void refuse(Object rejected, Object call, Object callback) {
    Impl i = impl;
    if (i == null) {
      return;
    }
    try {
      i.refuse(rejected, call, callback);
    } catch (Throwable t) {
      HookErrors.record("OkHttp refused call", t);
    }
  }

  public static Object end(Object token, Object response, Throwable thrown) {
    Impl i = impl;
    if (i == null || token == null) {
      return response;
    }
    try {
      Object replacement = i.end(token, response, thrown);
      return replacement != null ? replacement : response;
    } catch (Throwable t) {
      HookErrors.record("OkHttp end", t);
      return response;
    }
  }

  public static void bodyBytes(Object body, byte[] bytes) {
    Impl i = impl;
    if (i == null || body == null || bytes == null) {
      return;
    }
    try {
      i.bodyBytes(body, bytes);
    } catch (Throwable t) {
      HookErrors.record("OkHttp body bytes", t);
    }
  }

  public static void bodyEnded(Object body) {
    Impl i = impl;
    if (i == null || body == null) {
      return;
    }
    try {
      i.bodyEnded(body);
    } catch (Throwable t) {
      HookErrors.record("OkHttp body end", t);
    }
  }

  public static void bodyFailed(Object body, Throwable thrown) {
    Impl i = impl;
    if (i == null || body == null) {
      return;
    }
    try {
      i.bodyFailed(body, thrown);
    } catch (Throwable t) {
      HookErrors.record("OkHttp body failure", t);
    }
  }

  /** Returns true when the caller must leave the body open: the agent reads it, then closes it. */
  public static boolean bodyClosed(Object body) {
    Impl i = impl;
    if (i == null || body == null) {
      return false;
    }
    try {
      return i.bodyClosed(body);
    } catch (Throwable t) {
      HookErrors.record("OkHttp body close", t);
      return false;
    }
  }
}
