package dev.llmcost.bootstrap;

/**
 * Called by advice inlined into Apache HttpClient 5's clients. Types are Object because the boot
 * loader cannot see the application's httpclient5; {@code client} is the instrumented client, whose
 * class loader tells the implementation which copy of the library it is talking to.
 */
public final class ApacheHttpHooks {
  /** The agent's side of these hooks. */
  public interface Impl {
    /** A classic {@code doExecute} starts: an exchange token when it is an LLM call, else null. */
    Object classicStart(Object client, Object target, Object request);

    /** A classic {@code doExecute} returned or threw: the response the caller should receive. */
    Object classicEnd(Object client, Object exchange, Object response, Throwable thrown);

    /**
     * An async {@code doExecute} starts: an exchange token when it is an LLM call, a
     * {@link CallRejected} when a guard rail refused it (the advice skips the method), else null.
     */
    Object asyncStart(Object client, Object target, Object requestProducer);

    /** The response consumer the client should use instead of {@code consumer}. */
    Object asyncConsumer(Object client, Object exchange, Object consumer);

    /** The future callback the client should use instead of {@code callback} (which may be null). */
    Object asyncCallback(Object client, Object exchange, Object callback);

    /** An async {@code doExecute} returned or threw: the future the caller should receive. */
    Object asyncEnd(Object client, Object exchange, Object future, Throwable thrown);

    /**
     * A guard rail refused an async call ({@link #asyncStart} returned a {@link CallRejected}):
     * hand {@code reason} to the application's {@code FutureCallback}, not on this thread.
     */
    default void asyncRefuse(Object client, Object callback, LlmGuardException reason) {}
  }

  private static volatile Impl impl;

  private ApacheHttpHooks() {}

  public static void install(Impl implementation) {
    impl = implementation;
  }

  public static Object classicStart(Object client, Object target, Object request) {
    Impl i = impl;
    if (i == null) {
      return null;
    }
    try {
      return i.classicStart(client, target, request);
    } catch (Throwable t) {
      HookErrors.record("Apache HttpClient classic start", t);
      return null;
    }
  }

  public static Object classicEnd(Object client, Object exchange, Object response, Throwable thrown) {
    Impl i = impl;
    if (i == null || exchange == null) {
      return response;
    }
    try {
      Object replacement = i.classicEnd(client, exchange, response, thrown);
      return replacement != null ? replacement : response;
    } catch (Throwable t) {
      HookErrors.record("Apache HttpClient classic end", t);
      return response;
    }
  }

  public static Object asyncStart(Object client, Object target, Object requestProducer) {
    Impl i = impl;
    if (i == null) {
      return null;
    }
    try {
      return i.asyncStart(client, target, requestProducer);
    } catch (Throwable t) {
      HookErrors.record("Apache HttpClient async start", t);
      return null;
    }
  }

  public static Object asyncConsumer(Object client, Object exchange, Object consumer) {
    Impl i = impl;
    if (i == null || exchange == null || consumer == null) {
      return consumer;
    }
    try {
      Object replacement = i.asyncConsumer(client, exchange, consumer);
      return replacement != null ? replacement : consumer;
    } catch (Throwable t) {
      HookErrors.record("Apache HttpClient async consumer", t);
      return consumer;
    }
  }

  public static Object asyncCallback(Object client, Object exchange, Object callback) {
    Impl i = impl;
    if (i == null || exchange == null) {
      return callback;
    }
    try {
      return i.asyncCallback(client, exchange, callback);
    } catch (Throwable t) {
      HookErrors.record("Apache HttpClient async callback", t);
      return callback;
    }
  }

  public static Object asyncEnd(Object client, Object exchange, Object future, Throwable thrown) {
    Impl i = impl;
    if (i == null || exchange == null) {
      return future;
    }
    try {
      Object replacement = i.asyncEnd(client, exchange, future, thrown);
      return replacement != null ? replacement : future;
    } catch (Throwable t) {
      HookErrors.record("Apache HttpClient async end", t);
      return future;
    }
  }

  /**
   * An async call a guard rail refused, in place of {@code doExecute}: the future the caller gets,
   * failed with the reason (its {@code get()} throws an {@code ExecutionException} with it as the
   * cause, as the client's own future does); {@code callback}, when there is one, is failed too.
   */
  public static Object asyncRefused(Object client, Object rejected, Object callback) {
    LlmGuardException reason = ((CallRejected) rejected).reason();
    Impl i = impl;
    if (i != null && callback != null) {
      try {
        i.asyncRefuse(client, callback, reason);
      } catch (Throwable t) {
        HookErrors.record("Apache HttpClient async refusal", t);
      }
    }
    return java.util.concurrent.CompletableFuture.failedFuture(reason);
  }
}
