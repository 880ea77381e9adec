package dev.llmcost.agent.http;

import dev.llmcost.agent.AgentLog;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Instruments the JDK's own HTTP classes before the application loads them. Their bytes are
 * fixed for a given JDK, so the work (a good part of a second: ByteBuddy's first transformation)
 * is done on the start-up thread instead of when the application creates its first client.
 */
final class JdkClassesAheadOfTime {
  private JdkClassesAheadOfTime() {}

  /**
   * The JDK HttpClient's classes first: an application's first LLM client is most often that one,
   * and each class is handed out as soon as it is done (the first costs the most: ByteBuddy's
   * first transformation).
   */
  private static final List<String> FIRST = List.of("jdk/internal/net/http/HttpClientImpl",
      "jdk/internal/net/http/ResponseSubscribers$TrustedSubscriber");

  /**
   * Tells the gate which classes will come ahead of time, so that their loading waits for them
   * alone; returns them, in order, with their modules.
   *
   * @param loaded internal names of classes already loaded (retransformed instead)
   */
  static Map<String, Module> plan(DeferredTransformer gate, Set<String> internalNames,
      Set<String> loaded) {
    Set<String> order = new LinkedHashSet<>(FIRST);
    order.addAll(internalNames);
    Map<String, Module> modules = new LinkedHashMap<>();
    for (String name : order) {
      boolean due = internalNames.contains(name) && !loaded.contains(name);
      Module module = due ? jdkModuleOf(name) : null;
      if (module != null) { // else an application library's class: its loader is not known yet
        modules.put(name, module);
        gate.comesAheadOfTime(name);
      }
    }
    return modules;
  }

  static void transform(ClassFileTransformer transformer, DeferredTransformer gate,
      Map<String, Module> planned) {
    planned.forEach((name, module) -> {
      long start = System.nanoTime();
      try (InputStream in = module.getResourceAsStream(name + ".class")) {
        byte[] original = in != null ? in.readAllBytes() : null;
        byte[] transformed = original == null ? null : transformer.transform(module,
            module.getClassLoader(), name, null, null, original.clone());
        if (transformed != null) {
          gate.transformedAheadOfTime(name, original, transformed);
          AgentLog.debug(name + " instrumented ahead of time in "
              + (System.nanoTime() - start) / 1_000_000 + " ms");
        } else {
          gate.notAheadOfTime(name);
        }
      } catch (Throwable t) {
        gate.notAheadOfTime(name);
        AgentLog.debug("no ahead-of-time instrumentation of " + name + ": " + t);
      }
    });
  }

  private static Module jdkModuleOf(String internalName) {
    int slash = internalName.lastIndexOf('/');
    String pkg = internalName.substring(0, Math.max(slash, 0)).replace('/', '.');
    for (Module module : ModuleLayer.boot().modules()) {
      String moduleName = module.getName();
      if ((moduleName.startsWith("java.") || moduleName.startsWith("jdk."))
          && module.getPackages().contains(pkg)) {
        return module;
      }
    }
    return null;
  }
}
