package dev.llmcost.bootstrap;

/**
 * What the agent needs from the application's OkHttp objects. Implemented by a class the agent
 * defines inside the application's own OkHttp package (module {@code okhttp-bridge}), compiled
 * against the real OkHttp, so the agent makes plain interface calls instead of reflective ones.
 * Parameters are the application's {@code Call}, {@code Response} and {@code Callback} objects.
 * Every method may throw; callers guard.
 */
public interface OkHttpAccess {
  String method(Object call);

  String scheme(Object call);

  String host(Object call);

  int port(Object call);

  String encodedPath(Object call);

  /** True once execute or enqueue has been called on it (a second call throws in OkHttp). */
  boolean isExecuted(Object call);

  /**
   * The request body, at most {@code maxBytes} of it, when it can be written once more without
   * side effects (in memory, neither one-shot nor duplex); otherwise null.
   */
  byte[] requestBody(Object call, int maxBytes);

  boolean isCanceled(Object call);

  void cancel(Object call);

  int statusCode(Object response);

  /** The response header's first value, or null. */
  String header(Object response, String name);

  /** The body's length as declared (Content-Length), or -1. */
  long contentLength(Object response);

  /**
   * A copy of the response whose body reports what the application reads through
   * {@link OkHttpHooks#bodyBytes} and its siblings, with {@code body} as their first argument.
   */
  Object observeBody(Object response, Object body);

  /** The response's body object, or null. */
  Object body(Object response);

  /**
   * Reads a body nobody else can read any more to its end, reporting it as {@link #observeBody}'s
   * body does to {@code observer}, then closes it. Blocks; never throws for a failed read.
   */
  void drain(Object body, Object observer);

  /**
   * As {@link #drain}, within what OkHttp itself spends discarding a body closed before its end
   * (100 ms): the rest of a whole answer the application closed unread. The caller's thread waits.
   */
  void drainBriefly(Object body, Object observer);

  /** Closes a body, quietly. */
  void close(Object body);

  /** A Callback that hands responses through {@link OkHttpHooks#end} before {@code callback}. */
  Object observeCallback(Object callback, Object token);

  /** Tells an enqueued call's callback that it failed with {@code reason}. */
  void fail(Object callback, Object call, java.io.IOException reason);
}
