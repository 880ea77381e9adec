package dev.llmcost.bootstrap;

import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Keeps the agent's copy of an SDK request body out of the application's log. The agent reads an
 * OkHttp request body by writing it once more into memory; with the OpenAI or Anthropic SDK's debug
 * logging on ({@code OPENAI_LOG=debug}), the SDK's logging body would print the request again.
 * While the agent copies, advice in that logging body writes the body it wraps instead.
 */
public final class SdkBodyCopy {
  private static final ThreadLocal<Boolean> COPYING = new ThreadLocal<>();
  // The SDK's public HttpRequestBody.writeTo(OutputStream), found once per body class.
  private static final ClassValue<Method> WRITE_TO = new ClassValue<>() {
    @Override
    protected Method computeValue(Class<?> type) {
      for (Class<?> c = type; c != null; c = c.getSuperclass()) {
        for (Class<?> face : c.getInterfaces()) {
          try {
            return face.getMethod("writeTo", OutputStream.class);
          } catch (NoSuchMethodException e) {
            // not this one
          }
        }
      }
      return null;
    }
  };

  private SdkBodyCopy() {}

  /** The agent starts writing a request body into memory on this thread. */
  public static void begin() {
    COPYING.set(Boolean.TRUE);
  }

  public static void end() {
    COPYING.remove();
  }

  /**
   * Inlined into the SDK's logging body's {@code writeTo(out)}: during the agent's copy, writes
   * {@code wrapped} to {@code out} without logging and returns true (the logging body is skipped);
   * otherwise returns false and the SDK logs as it always does.
   */
  public static boolean writeWrapped(Object wrapped, Object out) {
    if (COPYING.get() == null || wrapped == null || !(out instanceof OutputStream)) {
      return false;
    }
    Method writeTo = WRITE_TO.get(wrapped.getClass());
    if (writeTo == null) {
      return false;
    }
    try {
      writeTo.invoke(wrapped, out);
    } catch (InvocationTargetException | IllegalAccessException | RuntimeException e) {
      // Only the agent's copy is incomplete: its request is read as malformed.
      HookErrors.record("copying an SDK request body", e);
    }
    return true;
  }
}
