package dev.llmcost.agent.call;

import java.util.List;

/**
 * The application frames that started a call, innermost first (at most a few).
 *
 * @param function class and method of the innermost, e.g. {@code com.acme.Summarizer.summarize}
 * @param callers the next application frames out, as {@code Class.method(File.java:12)}
 */
public record CallSite(String function, String file, int line, List<String> callers) {
  public CallSite(String function, String file, int line) {
    this(function, file, line, List.of());
  }

  public String key() {
    return function + ":" + line;
  }

  public String frame() {
    return function + "(" + file + ":" + line + ")";
  }

  /** In the form of {@code code.stacktrace}: one {@code at ...} line per frame. */
  public String stackTrace() {
    StringBuilder sb = new StringBuilder("at ").append(frame());
    for (String caller : callers) {
      sb.append("\nat ").append(caller);
    }
    return sb.toString();
  }
}
