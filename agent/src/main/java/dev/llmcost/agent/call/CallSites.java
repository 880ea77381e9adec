package dev.llmcost.agent.call;

import dev.llmcost.agent.AppClassNames;
import java.util.Optional;

/**
 * Finds the application frame that started a call: the first frame that belongs to neither the
 * JDK, an HTTP client, an LLM SDK nor the agent. Bounded depth, no stack trace materialised.
 */
public final class CallSites {
  private static final int MAX_DEPTH = 64;
  // Prefixes of relocated packages are joined at run time, or the built jar would skip the frames
  // of its own shaded copies instead of the application's (see AppClassNames).
  private static final String[] LIBRARY_PREFIXES = {
    "java.", "javax.", "jdk.", "sun.", "com.sun.", "dev.llmcost.agent.", "dev.llmcost.bootstrap.",
    AppClassNames.join("ok", "http3."), AppClassNames.join("ok", "io."),
    AppClassNames.join("kot", "lin."), AppClassNames.join("kot", "linx."), "org.apache.hc.",
    "com.openai.", "com.anthropic.", "dev.langchain4j.", AppClassNames.join("io.open", "telemetry."),
    "reactor.", "io.netty.", "com.fasterxml.",
  };

  private final StackWalker walker = StackWalker.getInstance();

  public CallSite current() {
    Optional<StackWalker.StackFrame> frame = walker.walk(frames -> frames.limit(MAX_DEPTH)
        .filter(f -> !isLibrary(f.getClassName()))
        .findFirst());
    return frame.map(f -> new CallSite(f.getClassName() + "." + f.getMethodName(),
        f.getFileName(), f.getLineNumber())).orElse(null);
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
