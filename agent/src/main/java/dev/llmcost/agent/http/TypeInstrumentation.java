package dev.llmcost.agent.http;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** One class to instrument: which type, which methods, which advice, and the hooks it calls. */
public interface TypeInstrumentation {
  /** The exact class name; the installer ignores every class not named by an instrumentation. */
  String typeName();

  default boolean matchesType(TypeDescription type) {
    return type.getName().equals(typeName());
  }

  ElementMatcher<? super MethodDescription> methods();

  Class<?> adviceClass();

  /** Bootstrap classes the advice calls: the instrumented module must be able to read them. */
  Class<?>[] bootstrapHooks();

  /**
   * Whether the class, loading at start-up before the instrumentation is ready, waits for it: an
   * HTTP client's must, or its first calls go untracked. Where a moment unobserved costs little,
   * the class loads as it is and is retransformed once ready, and the application never waits.
   */
  default boolean loadWaitsUntilReady() {
    return true;
  }
}
