package dev.llmcost.agent.call;

import java.util.Optional;

/**
 * Finds the application frame that started a call: the first frame that belongs to neither the
 * JDK, an HTTP client, an LLM SDK nor the agent. Bounded depth, no stack trace materialised.
 */
public final class CallSites {
  private static final int MAX_DEPTH = 64;
  private static final String[] LIBRARY_PREFIXES = {
    "java.", "javax.", "jdk.", "sun.", "com.sun.", "dev.llmcost.agent.", "dev.llmcost.bootstrap.",
    "okhttp3.", "okio.", "kotlin.", "kotlinx.", "org.apache.hc.", "com.openai.", "com.anthropic.",
    "dev.langchain4j.", "io.opentelemetry.", "reactor.", "io.netty.", "com.fasterxml.",
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
