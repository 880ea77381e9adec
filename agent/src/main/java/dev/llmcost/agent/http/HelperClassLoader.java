package dev.llmcost.agent.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Defines the agent's helper classes (which implement an HTTP library's interfaces) next to the
 * copy of that library the application loaded: its parent is the library's class loader, so the
 * helpers link against the application's classes wherever they live (class path, fat jar, server).
 * Helper classes are read from the agent's jar and defined here, never by the agent's own loader;
 * bootstrap classes come through the agent's loader (from the boot loader, which not every
 * application loader delegates to); everything else from the parent. Helpers may use only the
 * JDK, the library and the bootstrap classes.
 */
public final class HelperClassLoader extends ClassLoader {
  private static final String BOOTSTRAP_PACKAGE = "dev.llmcost.bootstrap.";

  static {
    registerAsParallelCapable();
  }

  private final ClassLoader source;
  private final List<String> helperPackages;

  /**
   * @param parent the loader of the library the helpers implement
   * @param source where the helpers' class files are read from (the agent's loader)
   * @param helperPackages package prefixes, ending with a dot, of the classes defined here
   */
  public HelperClassLoader(ClassLoader parent, ClassLoader source, List<String> helperPackages) {
    super(parent);
    this.source = source;
    this.helperPackages = List.copyOf(helperPackages);
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (isHelper(name)) {
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          c = defineHelper(name);
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }
    if (name.startsWith(BOOTSTRAP_PACKAGE)) {
      return source.loadClass(name); // the very classes the agent uses: from the boot loader
    }
    return super.loadClass(name, resolve);
  }

  private boolean isHelper(String name) {
    for (String prefix : helperPackages) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private Class<?> defineHelper(String name) throws ClassNotFoundException {
    try (InputStream in = source.getResourceAsStream(name.replace('.', '/') + ".class")) {
      if (in == null) {
        throw new ClassNotFoundException(name);
      }
      byte[] bytes = in.readAllBytes();
      return defineClass(name, bytes, 0, bytes.length, HelperClassLoader.class.getProtectionDomain());
    } catch (IOException e) {
      throw new ClassNotFoundException(name, e);
    }
  }
}
