package dev.llmcost.bootstrap;

/**
 * Called by advice inlined into {@code sun.net.www.protocol.http.HttpURLConnection} (java.base),
 * which also serves https through {@code DelegateHttpsURLConnection}. {@code connection} is that
 * JDK object; the installed implementation, loaded by the agent, sees it as a
 * {@code java.net.HttpURLConnection}.
 */
public final class UrlConnectionHooks {
  /** The agent's side of these hooks. */
  public interface Impl {
    /**
     * {@code getOutputStream()} is about to open the request: a {@link CallRejected} when a guard
     * rail refuses the call (the advice then skips the method and throws its reason), else null.
     */
    default Object beforeOutputStream(Object connection) {
      return null;
    }

    /** {@code getOutputStream()} returned {@code stream}: the stream the caller should receive. */
    Object outputStream(Object connection, Object stream);

    /**
     * {@code getInputStream()} is about to send the request and wait for the response: a token
     * when it is an LLM call, a {@link CallRejected} when a guard rail refused it (the advice then
     * skips the method and throws its reason), else null.
     */
    Object beforeInputStream(Object connection);

    /** {@code getInputStream()} returned or threw: the stream the caller should receive. */
    Object inputStream(Object connection, Object token, Object stream, Throwable thrown);

    /** {@code disconnect()} is about to close the connection. */
    void disconnect(Object connection);
  }

  private static volatile Impl impl;

  private UrlConnectionHooks() {}

  public static void install(Impl implementation) {
    impl = implementation;
  }

  public static Object beforeOutputStream(Object connection) {
    Impl i = impl;
    if (i == null) {
      return null;
    }
    try {
      return i.beforeOutputStream(connection);
    } catch (Throwable t) {
      HookErrors.record("HttpURLConnection request", t);
      return null;
    }
  }

  public static Object outputStream(Object connection, Object stream) {
    Impl i = impl;
    if (i == null || stream == null) {
      return stream;
    }
    try {
      Object replacement = i.outputStream(connection, stream);
      return replacement != null ? replacement : stream;
    } catch (Throwable t) {
      HookErrors.record("HttpURLConnection output", t);
      return stream;
    }
  }

  public static Object beforeInputStream(Object connection) {
    Impl i = impl;
    if (i == null) {
      return null;
    }
    try {
      return i.beforeInputStream(connection);
    } catch (Throwable t) {
      HookErrors.record("HttpURLConnection request", t);
      return null;
    }
  }

  public static Object inputStream(Object connection, Object token, Object stream, Throwable thrown) {
    Impl i = impl;
    if (i == null || token == null) {
      return stream;
    }
    try {
      Object replacement = i.inputStream(connection, token, stream, thrown);
      return replacement != null ? replacement : stream;
    } catch (Throwable t) {
      HookErrors.record("HttpURLConnection response", t);
      return stream;
    }
  }

  public static void disconnect(Object connection) {
    Impl i = impl;
    if (i == null) {
      return;
    }
    try {
      i.disconnect(connection);
    } catch (Throwable t) {
      HookErrors.record("HttpURLConnection disconnect", t);
    }
  }
}
