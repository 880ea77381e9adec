package dev.llmcost.bootstrap;

/**
 * Called by advice inlined into the official OpenAI and Anthropic Java SDKs. Their async clients
 * send requests from their own threads, where no application frame is on the stack; these hooks
 * carry the call site from the application thread that built the request to the thread that
 * sends it. Types are Object: the boot loader cannot see the SDKs.
 */
public final class SdkHooks {
  /** The agent's side of these hooks. */
  public interface Impl {
    /** The SDK built an HTTP request, maybe on the application's thread. */
    void requestBuilt(Object request);

    /** The SDK's OkHttp client is about to send this request asynchronously; returns a token or null. */
    Object sending(Object request);

    /** The send that {@link #sending} announced has been handed to OkHttp. */
    void sent(Object token);

    /** An SDK async method that returns the result as a future begins; returns a token or null. */
    Object asyncCallStarting();

    /** That method returns {@code future}; returns what the application gets instead. */
    Object asyncCallReturned(Object token, Object future);
  }

  private static volatile Impl impl;

  private SdkHooks() {}

  public static void install(Impl implementation) {
    impl = implementation;
  }

  public static void requestBuilt(Object request) {
    Impl i = impl;
    if (i == null || request == null) {
      return;
    }
    try {
      i.requestBuilt(request);
    } catch (Throwable t) {
      HookErrors.record("SDK request built", t);
    }
  }

  public static Object sending(Object request) {
    Impl i = impl;
    if (i == null || request == null) {
      return null;
    }
    try {
      return i.sending(request);
    } catch (Throwable t) {
      HookErrors.record("SDK async send", t);
      return null;
    }
  }

  public static void sent(Object token) {
    Impl i = impl;
    if (i == null || token == null) {
      return;
    }
    try {
      i.sent(token);
    } catch (Throwable t) {
      HookErrors.record("SDK async sent", t);
    }
  }

  public static Object asyncCallStarting() {
    Impl i = impl;
    if (i == null) {
      return null;
    }
    try {
      return i.asyncCallStarting();
    } catch (Throwable t) {
      HookErrors.record("SDK async call", t);
      return null;
    }
  }

  /** Returns the future the application gets: {@code future} itself unless the agent observes it. */
  public static Object asyncCallReturned(Object token, Object future) {
    Impl i = impl;
    if (i == null || token == null) {
      return future;
    }
    try {
      Object observed = i.asyncCallReturned(token, future);
      return observed != null ? observed : future;
    } catch (Throwable t) {
      HookErrors.record("SDK async call returned", t);
      return future;
    }
  }
}
