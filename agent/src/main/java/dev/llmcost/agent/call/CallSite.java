package dev.llmcost.agent.call;

import java.util.List;

/**
 * The application frames that started a call, innermost first (at most a few). A call site is
 * named once and shared by every call made from it ({@link KnownCallSites}), so what each span and
 * detector asks of it is built here, once.
 */
public final class CallSite {
  private final String function;
  private final String file;
  private final int line;
  private final List<String> callers;
  private final String key;
  private final String pathKey;
  private final String stackTrace;

  public CallSite(String function, String file, int line) {
    this(function, file, line, List.of());
  }

  /**
   * @param function class and method of the innermost, e.g. {@code com.acme.Summarizer.summarize}
   * @param callers the next application frames out, as {@code Class.method(File.java:12)}
   */
  public CallSite(String function, String file, int line, List<String> callers) {
    this.function = function;
    this.file = file;
    this.line = line;
    this.callers = List.copyOf(callers);
    this.key = function + ":" + line;
    this.pathKey = this.callers.isEmpty() ? key : key + " < " + this.callers.get(0);
    StringBuilder sb = new StringBuilder("at ").append(frame());
    for (String caller : this.callers) {
      sb.append("\nat ").append(caller);
    }
    this.stackTrace = sb.toString();
  }

  public String function() {
    return function;
  }

  public String file() {
    return file;
  }

  public int line() {
    return line;
  }

  public List<String> callers() {
    return callers;
  }

  public String key() {
    return key;
  }

  /**
   * The innermost frame and its caller: a helper that makes the calls for several parts of the
   * application is a different path from each of them.
   */
  public String pathKey() {
    return pathKey;
  }

  public String frame() {
    return function + "(" + file + ":" + line + ")";
  }

  /** In the form of {@code code.stacktrace}: one {@code at ...} line per frame. */
  public String stackTrace() {
    return stackTrace;
  }

  @Override
  public String toString() {
    return stackTrace;
  }
}
