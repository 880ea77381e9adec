package dev.llmcost.agent.http.okhttp;

import dev.llmcost.agent.AgentLog;
import dev.llmcost.bootstrap.OkHttpAccess;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;

/**
 * Defines the agent's OkHttp classes (module {@code okhttp-bridge}: a ResponseBody, a Source and a
 * Callback wrapper, and the {@link OkHttpAccess} they sit behind) inside each OkHttp copy the
 * application loads. They must extend and implement OkHttp's own types, which only the
 * application's class loader can see, so they are defined there, in the package of its
 * {@code RealCall}, through a private lookup on that class. Their bytes travel in the agent jar as
 * a nested jar, untouched by the relocation that renames the agent's own OkHttp.
 */
final class OkHttpBridge {
  static final String CLASSES = "okhttp-bridge.jar.bin";

  private final ClassValue<Optional<OkHttpAccess>> perCopy = new ClassValue<>() {
    @Override
    protected Optional<OkHttpAccess> computeValue(Class<?> realCall) {
      return define(realCall);
    }
  };

  /** The access for the OkHttp copy this RealCall class belongs to; null if it cannot be had. */
  OkHttpAccess accessFor(Class<?> realCallClass) {
    return perCopy.get(realCallClass).orElse(null);
  }

  // One definition at a time: two threads meeting a new OkHttp copy must not define twice.
  private static synchronized Optional<OkHttpAccess> define(Class<?> realCall) {
    try {
      MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(realCall, MethodHandles.lookup());
      Class<?> accessClass = null;
      for (Map.Entry<String, byte[]> c : ClassBytes.ALL.entrySet()) {
        Class<?> defined = defineOrFind(lookup, c.getKey(), c.getValue());
        if (OkHttpAccess.class.isAssignableFrom(defined)) {
          accessClass = defined;
        }
      }
      if (accessClass == null) {
        throw new IllegalStateException(CLASSES + " holds no OkHttpAccess");
      }
      return Optional.of((OkHttpAccess) accessClass.getDeclaredConstructor().newInstance());
    } catch (Throwable t) {
      AgentLog.warnOnce("okhttp-bridge:" + realCall.getClassLoader(), "OkHttp calls from "
          + realCall.getClassLoader() + " are not tracked: the agent's OkHttp classes could not be"
          + " defined next to " + realCall.getName() + " (" + t + ")");
      return Optional.empty();
    }
  }

  private static Class<?> defineOrFind(MethodHandles.Lookup lookup, String name, byte[] bytes)
      throws ReflectiveOperationException {
    try {
      return lookup.defineClass(bytes);
    } catch (LinkageError alreadyDefined) {
      return lookup.findClass(name); // defined by an earlier attempt in this class loader
    }
  }

  /** The bridge classes by binary name, read once from the nested jar. */
  private static final class ClassBytes {
    static final Map<String, byte[]> ALL = read();

    private static Map<String, byte[]> read() {
      Map<String, byte[]> classes = new LinkedHashMap<>();
      try (InputStream raw = OkHttpBridge.class.getResourceAsStream(CLASSES)) {
        if (raw == null) {
          throw new IllegalStateException(CLASSES + " missing from the agent jar");
        }
        JarInputStream jar = new JarInputStream(raw);
        for (JarEntry e = jar.getNextJarEntry(); e != null; e = jar.getNextJarEntry()) {
          String path = e.getName();
          if (path.endsWith(".class") && !path.startsWith("META-INF/") && !path.endsWith("module-info.class")) {
            classes.put(path.substring(0, path.length() - 6).replace('/', '.'), jar.readAllBytes());
          }
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + CLASSES, e);
      }
      return classes;
    }
  }
}
