package dev.llmcost.it.apps;

import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An application server that deploys {@link RedeployedWebApp} in a fresh class loader (parent:
 * the platform loader, its own httpclient5 jars, its loader as the context class loader while it
 * serves), lets it make its calls, undeploys it, and does so {@code rounds} times. Then it runs
 * full GCs and prints {@code calls_ok=<n> loaders_collected=<n> of <rounds>}.
 * Usage: {@code RedeployingServerApp <base-url> <rounds> <jar>...}.
 */
public final class RedeployingServerApp {
  public static void main(String[] args) throws Exception {
    String base = args[0];
    int rounds = Integer.parseInt(args[1]);
    List<URL> classPath = new ArrayList<>();
    classPath.add(RedeployingServerApp.class.getProtectionDomain().getCodeSource().getLocation());
    for (int i = 2; i < args.length; i++) {
      classPath.add(Path.of(args[i]).toUri().toURL());
    }
    List<WeakReference<ClassLoader>> undeployed = new ArrayList<>();
    int ok = 0;
    for (int round = 0; round < rounds; round++) {
      URLClassLoader webApp = new URLClassLoader("webapp-" + round, classPath.toArray(new URL[0]),
          ClassLoader.getPlatformClassLoader());
      ok += deploy(webApp, base);
      webApp.close();
      undeployed.add(new WeakReference<>(webApp));
    }
    int collected = 0;
    for (int attempt = 0; attempt < 50 && collected < rounds; attempt++) {
      System.gc();
      Thread.sleep(100);
      collected = (int) undeployed.stream().filter(r -> r.get() == null).count();
    }
    System.out.println("calls_ok=" + ok + " loaders_collected=" + collected + " of " + rounds);
  }

  private static int deploy(ClassLoader webApp, String base) throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(webApp);
    try {
      Class<?> app = webApp.loadClass(RedeployedWebApp.class.getName());
      return (Integer) app.getMethod("serve", String.class).invoke(null, base);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
