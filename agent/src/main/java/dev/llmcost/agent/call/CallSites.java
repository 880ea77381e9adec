package dev.llmcost.agent.call;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds the application frame that started a call: the first frame that belongs to neither the
 * JDK, an HTTP client, an LLM SDK nor the agent. Bounded depth, no stack trace materialised.
 */
public final class CallSites {
  private static final int MAX_DEPTH = 64;
  private static final int APPLICATION_FRAMES = 3;
  private static final String[] LIBRARY_PREFIXES = {
    "java.", "javax.", "jdk.", "sun.", "com.sun.", "dev.llmcost.agent.", "dev.llmcost.bootstrap.",
    "org.apache.hc.", "com.openai.", "com.anthropic.", "dev.langchain4j.", "reactor.", "io.netty.",
    // Joined at run time from fragments: the agent jar rewrites every string constant that
    // names a package it relocates (even a bare "okhttp3"), which must not happen to these.
    pkg("ok", "http3"), pkg("ok", "io"), pkg("kot", "lin"), pkg("kot", "linx"),
    pkg("io.", "opentelemetry"), pkg("com.", "fasterxml"),
  };

  private static String pkg(String... fragments) {
    return String.join("", fragments) + ".";
  }

  private final StackWalker walker = StackWalker.getInstance();

  public CallSite current() {
    List<StackWalker.StackFrame> frames = walker.walk(s -> s.limit(MAX_DEPTH)
        .filter(f -> !isLibrary(f.getClassName()))
        .limit(APPLICATION_FRAMES)
        .collect(Collectors.toList()));
    if (frames.isEmpty()) {
      return null;
    }
    StackWalker.StackFrame first = frames.get(0);
    List<String> callers = frames.stream().skip(1)
        .map(f -> f.getClassName() + "." + f.getMethodName() + "(" + f.getFileName() + ":"
            + f.getLineNumber() + ")")
        .collect(Collectors.toList());
    return new CallSite(first.getClassName() + "." + first.getMethodName(), first.getFileName(),
        first.getLineNumber(), callers);
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
