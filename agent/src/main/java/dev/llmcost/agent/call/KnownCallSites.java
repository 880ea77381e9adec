package dev.llmcost.agent.call;

import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Call sites already named, kept by the class of their innermost application frame, so they go
 * when it is unloaded. Naming frames (file and line) makes the JVM build a
 * {@code StackTraceElement} per frame and the agent a few strings, on every call; a site's frames
 * are recognised instead by class, method name and bytecode index, which the walk has at hand.
 * The callers' classes are held weakly: a site never keeps another class loader alive.
 *
 * <p>Overloads share a name: two of them sending from the same bytecode index and reached from the
 * same callers would share a site. A call instruction names one overload, so only reflection or
 * method handles choosing between them at run time can do that.
 */
final class KnownCallSites {
  /** Past this many frame chains for one class (a helper called from everywhere), sites are named each time. */
  static final int MAX_PER_CLASS = 256;

  private static final ClassValue<KnownCallSites> BY_INNERMOST_CLASS = new ClassValue<>() {
    @Override
    protected KnownCallSites computeValue(Class<?> type) {
      return new KnownCallSites();
    }
  };

  private final ConcurrentHashMap<Chain, CallSite> sites = new ConcurrentHashMap<>();

  private KnownCallSites() {}

  /** The site of these application frames (innermost first, then null or more), named once. */
  static CallSite of(StackWalker.StackFrame[] frames, Function<StackWalker.StackFrame[], CallSite> name) {
    KnownCallSites known = BY_INNERMOST_CLASS.get(frames[0].getDeclaringClass());
    Chain chain = Chain.of(frames);
    CallSite site = known.sites.get(chain);
    if (site == null) {
      site = name.apply(frames);
      if (known.sites.size() < MAX_PER_CLASS) {
        CallSite first = known.sites.putIfAbsent(chain.held(), site);
        site = first != null ? first : site;
      }
    }
    return site;
  }

  /**
   * Up to three frames by declaring class, method name and bytecode index. The first frame's
   * class is the map's own, so it is left out; the others are {@code Class} objects while a chain
   * is looked up and weak references once it is held.
   */
  private static final class Chain {
    private final Object[] types;
    private final String[] methods;
    private final int[] bcis;
    private final int hash;

    private Chain(Object[] types, String[] methods, int[] bcis, int hash) {
      this.types = types;
      this.methods = methods;
      this.bcis = bcis;
      this.hash = hash;
    }

    static Chain of(StackWalker.StackFrame[] frames) {
      int n = 0;
      while (n < frames.length && frames[n] != null) {
        n++;
      }
      Object[] types = new Object[n];
      String[] methods = new String[n];
      int[] bcis = new int[n];
      int hash = n;
      for (int i = 0; i < n; i++) {
        StackWalker.StackFrame f = frames[i];
        types[i] = i == 0 ? null : f.getDeclaringClass();
        methods[i] = f.getMethodName();
        bcis[i] = f.getByteCodeIndex();
        hash = 31 * (31 * (31 * hash + System.identityHashCode(types[i])) + methods[i].hashCode()) + bcis[i];
      }
      return new Chain(types, methods, bcis, hash);
    }

    /** The same chain holding its classes weakly, to be kept. */
    Chain held() {
      Object[] weak = new Object[types.length];
      for (int i = 1; i < types.length; i++) {
        weak[i] = new WeakReference<>(types[i]);
      }
      return new Chain(weak, methods, bcis, hash);
    }

    private static Object type(Object typeOrReference) {
      return typeOrReference instanceof WeakReference<?> ref ? ref.get() : typeOrReference;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Chain other) || other.hash != hash || !Arrays.equals(bcis, other.bcis)
          || !Arrays.equals(methods, other.methods)) {
        return false;
      }
      for (int i = 1; i < types.length; i++) {
        Object type = type(types[i]);
        if (type == null || type != type(other.types[i])) {
          return false; // a collected class matches nothing
        }
      }
      return true;
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
