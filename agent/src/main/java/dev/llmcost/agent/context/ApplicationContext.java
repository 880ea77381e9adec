package dev.llmcost.agent.context;

import dev.llmcost.agent.AgentLog;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Reads the application's current OpenTelemetry span and baggage through the application's own
 * API classes. The agent's SDK is relocated and shares nothing with the application's, so this is
 * the bridge that makes LLM spans children of the application's spans; it works the same when the
 * application runs the OpenTelemetry Java agent, which backs that API. One lookup of the API per
 * class loader; an application without the API costs one cached miss.
 */
public final class ApplicationContext {
  private static final String INVALID_SPAN = "0000000000000000";
  /**
   * The application's package, joined at run time: the agent jar relocates every string constant
   * that names {@code io.opentelemetry} to its own shaded copy, which is exactly what must not
   * happen here.
   */
  private static final String APPLICATION_API = String.join(".", "io", "opentelemetry", "api");
  /**
   * The OpenTelemetry Java agent's own copy of the API, on the boot class path. An application run
   * under that agent without the API on its class path (a server instrumented only by the agent)
   * has its spans there; when the application has the API, that agent bridges it to this copy.
   */
  private static final String JAVA_AGENT_API = String.join(".", "io", "opentelemetry", "javaagent",
      "shaded", "io", "opentelemetry", "api");

  /**
   * Context class loader to its API, held weakly: the API's methods keep their classes, and so
   * their loader, reachable, which a strong value would do for a web app's loader forever. What
   * keeps an API while its loader lives is {@link #BY_SPAN_CLASS}.
   */
  private final Map<ClassLoader, WeakReference<Api>> apis =
      Collections.synchronizedMap(new WeakHashMap<>());
  /** Each loaded API's handles, kept by its {@code Span} class and unloaded with it. */
  private static final ClassValue<Api> BY_SPAN_CLASS = new ClassValue<>() {
    @Override
    protected Api computeValue(Class<?> span) {
      return Api.of(span);
    }
  };
  private final Set<String> baggageKeys;

  /** @param baggageKeys baggage entries copied to spans, besides every {@code llmcost.*} entry */
  public ApplicationContext(Set<String> baggageKeys) {
    this.baggageKeys = baggageKeys;
  }

  /** The application's current span and baggage on this thread, or null when it has neither. */
  public TraceParent current() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = ClassLoader.getSystemClassLoader();
    }
    WeakReference<Api> known = apis.get(loader);
    Api api = known != null ? known.get() : null;
    if (api == null) {
      api = find(loader);
      apis.put(loader, new WeakReference<>(api));
    }
    if (api == Api.ABSENT) {
      return null;
    }
    try {
      return api.current(baggageKeys);
    } catch (Throwable t) {
      AgentLog.failure("reading the application's OpenTelemetry context", t);
      return null;
    }
  }

  /** The application's API as its loader sees it, else the OpenTelemetry Java agent's, else none. */
  private static Api find(ClassLoader loader) {
    Api api = Api.find(APPLICATION_API, loader);
    return api != Api.ABSENT ? api : Api.find(JAVA_AGENT_API, null);
  }

  /** Reflective handles on one class loader's OpenTelemetry API. */
  private static final class Api {
    static final Api ABSENT = new Api(null, null, null, null, null, null, null, null, null);

    private final Method spanCurrent;
    private final Method getSpanContext;
    private final Method getTraceId;
    private final Method getSpanId;
    private final Method getTraceFlags;
    private final Method flagsAsByte;
    private final Method baggageCurrent;
    private final Method baggageAsMap;
    private final Method entryValue;

    private Api(Method spanCurrent, Method getSpanContext, Method getTraceId, Method getSpanId,
        Method getTraceFlags, Method flagsAsByte, Method baggageCurrent, Method baggageAsMap,
        Method entryValue) {
      this.spanCurrent = spanCurrent;
      this.getSpanContext = getSpanContext;
      this.getTraceId = getTraceId;
      this.getSpanId = getSpanId;
      this.getTraceFlags = getTraceFlags;
      this.flagsAsByte = flagsAsByte;
      this.baggageCurrent = baggageCurrent;
      this.baggageAsMap = baggageAsMap;
      this.entryValue = entryValue;
    }

    static Api find(String pkg, ClassLoader loader) {
      try {
        return BY_SPAN_CLASS.get(Class.forName(pkg + ".trace.Span", false, loader));
      } catch (ClassNotFoundException | LinkageError e) {
        return ABSENT;
      }
    }

    /** The API that {@code span} belongs to, through the loader that defined it. */
    static Api of(Class<?> span) {
      String pkg = span.getName().substring(0, span.getName().length() - ".trace.Span".length());
      ClassLoader loader = span.getClassLoader();
      try {
        Class<?> spanContext = Class.forName(pkg + ".trace.SpanContext", false, loader);
        Class<?> flags = Class.forName(pkg + ".trace.TraceFlags", false, loader);
        Class<?> baggage = Class.forName(pkg + ".baggage.Baggage", false, loader);
        Class<?> entry = Class.forName(pkg + ".baggage.BaggageEntry", false, loader);
        return new Api(callable(span, "current"), callable(span, "getSpanContext"),
            callable(spanContext, "getTraceId"), callable(spanContext, "getSpanId"),
            callable(spanContext, "getTraceFlags"), callable(flags, "asByte"),
            callable(baggage, "current"), callable(baggage, "asMap"), callable(entry, "getValue"));
      } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
        return ABSENT;
      }
    }

    /**
     * A public method, its access check switched off where allowed: {@code Method.invoke} otherwise
     * looks up its caller's class on every call, and these run on every LLM call.
     */
    private static Method callable(Class<?> type, String name) throws NoSuchMethodException {
      Method method = type.getMethod(name);
      try {
        method.trySetAccessible();
      } catch (SecurityException e) {
        // checked on every call, as before
      }
      return method;
    }

    TraceParent current(Set<String> baggageKeys) throws Exception {
      Object spanContext = getSpanContext.invoke(spanCurrent.invoke(null));
      String spanId = (String) getSpanId.invoke(spanContext);
      if (spanId == null || spanId.equals(INVALID_SPAN)) {
        Map<String, String> baggage = baggage(baggageKeys);
        return baggage.isEmpty() ? null : TraceParent.baggageOnly(baggage);
      }
      byte traceFlags = (Byte) flagsAsByte.invoke(getTraceFlags.invoke(spanContext));
      return new TraceParent((String) getTraceId.invoke(spanContext), spanId, traceFlags,
          baggage(baggageKeys));
    }

    private Map<String, String> baggage(Set<String> keys) throws Exception {
      Map<?, ?> entries = (Map<?, ?>) baggageAsMap.invoke(baggageCurrent.invoke(null));
      if (entries.isEmpty()) {
        return Map.of();
      }
      Map<String, String> copied = new HashMap<>();
      for (Map.Entry<?, ?> e : entries.entrySet()) {
        String key = (String) e.getKey();
        if (key.startsWith("llmcost.") || keys.contains(key)) {
          copied.put(key, (String) entryValue.invoke(e.getValue()));
        }
      }
      return copied;
    }
  }
}
