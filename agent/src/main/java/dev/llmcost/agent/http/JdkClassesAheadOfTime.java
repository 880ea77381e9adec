package dev.llmcost.agent.http;

import dev.llmcost.agent.AgentLog;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.util.Set;

/**
 * Instruments the JDK's own HTTP classes before the application loads them. Their bytes are
 * fixed for a given JDK, so the work (a good part of a second: ByteBuddy's first transformation)
 * is done on the start-up thread instead of when the application creates its first client.
 */
final class JdkClassesAheadOfTime {
  private JdkClassesAheadOfTime() {}

  /** @param loaded internal names of classes already loaded (retransformed instead) */
  static void transform(ClassFileTransformer transformer, DeferredTransformer gate,
      Set<String> internalNames, Set<String> loaded) {
    for (String name : internalNames) {
      if (loaded.contains(name)) {
        continue;
      }
      Module module = jdkModuleOf(name);
      if (module == null) {
        continue; // an application library's class: its loader is not known yet
      }
      try (InputStream in = module.getResourceAsStream(name + ".class")) {
        if (in == null) {
          continue;
        }
        byte[] original = in.readAllBytes();
        byte[] transformed = transformer.transform(module, module.getClassLoader(), name, null,
            null, original.clone());
        if (transformed != null) {
          gate.transformedAheadOfTime(name, original, transformed);
        }
      } catch (Throwable t) {
        AgentLog.debug("no ahead-of-time instrumentation of " + name + ": " + t);
      }
    }
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
