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
}
