package dev.llmcost.agent.call;

import dev.llmcost.agent.AppClassNames;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the application frame that started a call: the first frame that belongs to neither the
 * JDK, an HTTP client, an LLM SDK nor the agent. Bounded depth, no stack trace materialised.
 */
public final class CallSites {
  private static final int MAX_DEPTH = 64;
  private static final int APPLICATION_FRAMES = 3;
  private static final int FIRST_BATCH = 16;
  // Prefixes of relocated packages are joined at run time, or the built jar would skip the frames
  // of its own shaded copies instead of the application's (see AppClassNames).
  private static final String[] LIBRARY_PREFIXES = {
    "java.", "javax.", "jdk.", "sun.", "com.sun.", "dev.llmcost.agent.", "dev.llmcost.bootstrap.",
    AppClassNames.join("ok", "http3."), AppClassNames.join("ok", "io."),
    AppClassNames.join("kot", "lin."), AppClassNames.join("kot", "linx."), "org.apache.hc.",
    "com.openai.", "com.anthropic.", "com.google.genai.", "dev.langchain4j.", AppClassNames.join("io.open", "telemetry."),
    "reactor.", "io.netty.", AppClassNames.join("com.", "fasterxml."), "com.google.common.",
    // Spring's HTTP clients and Spring AI (its own OkHttp clients for the SDKs), and the
    // Micrometer observations they run calls in: the application is the code that called them
    "org.springframework.", "io.micrometer.",
  };

  // Reflection frames shown: hiding them costs the JDK a check per frame, and ours skip them anyway
  // (java., jdk.). Class references kept, so the library test is remembered per class. The first
  // batch the JDK fills (FIRST_BATCH frames) spans the usual distance from here to the application,
  // a dozen frames through the agent and the HTTP client, so one trip into the VM mostly does: JMH
  // from 8 library frames deep 4.7 -> 3.8 us, JSON call in A/B -16 us. A shallower stack pays for
  // the unused frames (5 frames: 2.8 -> 3.9 us), which no call through an HTTP client has.
  private final StackWalker walker = StackWalker.getInstance(
      Set.of(StackWalker.Option.SHOW_REFLECT_FRAMES, StackWalker.Option.RETAIN_CLASS_REFERENCE),
      FIRST_BATCH);
  private static final ClassValue<Boolean> LIBRARY = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      return isLibrary(type.getName());
    }
  };
  private final ThreadLocal<CallSite> carried = new ThreadLocal<>();

  /** The application frame on this thread's stack, else the site carried to this thread, else null. */
  public CallSite current() {
    CallSite site = applicationFrame();
    return site != null ? site : carried.get();
  }

  /** The application frame on this thread's stack (with its callers), or null. */
  public CallSite applicationFrame() {
    StackWalker.StackFrame[] frames = walker.walk(CallSites::firstApplicationFrames);
    return frames[0] == null ? null : KnownCallSites.of(frames, CallSites::name);
  }

  private static CallSite name(StackWalker.StackFrame[] frames) {
    StackWalker.StackFrame first = frames[0];
    List<String> callers = new ArrayList<>(APPLICATION_FRAMES - 1);
    for (int i = 1; i < frames.length && frames[i] != null; i++) {
      StackWalker.StackFrame f = frames[i];
      callers.add(f.getClassName() + "." + f.getMethodName() + "(" + f.getFileName() + ":"
          + f.getLineNumber() + ")");
    }
    return new CallSite(first.getClassName() + "." + first.getMethodName(), first.getFileName(),
        first.getLineNumber(), callers);
  }

  /** A plain loop: a stream pipeline costs more than the frames it looks at in a short walk. */
  private static StackWalker.StackFrame[] firstApplicationFrames(Stream<StackWalker.StackFrame> stack) {
    StackWalker.StackFrame[] found = new StackWalker.StackFrame[APPLICATION_FRAMES];
    Iterator<StackWalker.StackFrame> frames = stack.iterator();
    int n = 0;
    for (int depth = 0; depth < MAX_DEPTH && n < found.length && frames.hasNext(); depth++) {
      StackWalker.StackFrame f = frames.next();
      if (!LIBRARY.get(f.getDeclaringClass())) {
        found[n++] = f;
      }
    }
    return found;
  }

  /**
   * Until {@link #stopCarrying()}, calls this thread starts without an application frame on its
   * stack belong to {@code site}: a library thread sending what the application asked for.
   */
  public void carry(CallSite site) {
    carried.set(site);
  }

  public void stopCarrying() {
    carried.remove();
  }

  /** The site carried to this thread, or null. */
  public CallSite carried() {
    return carried.get();
  }

  static boolean isLibrary(String className) {
    for (String prefix : LIBRARY_PREFIXES) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
