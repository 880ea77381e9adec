package dev.llmcost.agent.http;

import dev.llmcost.agent.AgentLog;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * One instance of a helper class per application class loader that holds the library it serves,
 * found from any of the library's classes in one {@link ClassValue} lookup. A loader whose helper
 * cannot be defined (a library version too different) gets {@code disabled}, once, with a warning.
 *
 * @param <T> a bootstrap interface the helper implements, so the agent can call it from here
 */
public final class HelperInstances<T> {
  private final Class<T> api;
  private final String implementation;
  private final List<String> helperPackages;
  private final Object argument;
  private final Class<?> argumentType;
  private final T disabled;
  // Several library classes share a loader; the loader's entry is weak both ways so an
  // undeployed application's loader is never kept alive by the agent.
  private final Map<ClassLoader, WeakReference<T>> byLoader = new WeakHashMap<>();
  private final ClassValue<T> byClass = new ClassValue<>() {
    @Override
    protected T computeValue(Class<?> type) {
      return forLoader(type.getClassLoader());
    }
  };

  /**
   * @param implementation the helper's class name; it has a public constructor taking
   *     {@code argumentType}
   */
  public HelperInstances(Class<T> api, String implementation, List<String> helperPackages,
      Class<?> argumentType, Object argument, T disabled) {
    this.api = api;
    this.implementation = implementation;
    this.helperPackages = helperPackages;
    this.argumentType = argumentType;
    this.argument = argument;
    this.disabled = disabled;
  }

  /** The helper for the loader of {@code libraryObject}'s class. */
  public T forInstance(Object libraryObject) {
    return byClass.get(libraryObject.getClass());
  }

  private synchronized T forLoader(ClassLoader loader) {
    WeakReference<T> ref = byLoader.get(loader);
    T helper = ref != null ? ref.get() : null;
    if (helper == null) {
      helper = create(loader);
      byLoader.put(loader, new WeakReference<>(helper));
    }
    return helper;
  }

  private T create(ClassLoader loader) {
    try {
      ClassLoader helpers = new HelperClassLoader(loader, HelperInstances.class.getClassLoader(),
          helperPackages);
      Object instance = helpers.loadClass(implementation)
          .getConstructor(argumentType)
          .newInstance(argument);
      return api.cast(instance);
    } catch (Throwable t) {
      AgentLog.warn("cannot observe the HTTP library in " + loader + " (" + t
          + "); its calls are not tracked");
      return disabled;
    }
  }
}
