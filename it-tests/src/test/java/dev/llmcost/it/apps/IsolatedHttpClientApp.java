package dev.llmcost.it.apps;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * Runs {@link ApacheHttpClientApp} with httpclient5 in a class loader of its own, as a fat jar or an
 * application server would: the system class loader (where the agent lives) cannot see it.
 * Usage: {@code IsolatedHttpClientApp <base-url> <jar>...}.
 */
public final class IsolatedHttpClientApp {
  public static void main(String[] args) throws Exception {
    URL[] classPath = new URL[args.length];
    classPath[0] = IsolatedHttpClientApp.class.getProtectionDomain().getCodeSource().getLocation();
    for (int i = 1; i < args.length; i++) {
      classPath[i] = Path.of(args[i]).toUri().toURL();
    }
    try (URLClassLoader application = new URLClassLoader("application", classPath, ClassLoader.getPlatformClassLoader())) {
      Class<?> app = application.loadClass(ApacheHttpClientApp.class.getName());
      app.getMethod("main", String[].class).invoke(null, (Object) new String[] {args[0]});
    }
  }
}
