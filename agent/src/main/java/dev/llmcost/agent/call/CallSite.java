package dev.llmcost.agent.call;

/**
 * The application frame that started a call.
 *
 * @param function class and method, e.g. {@code com.acme.Summarizer.summarize}
 */
public record CallSite(String function, String file, int line) {
  public String key() {
    return function + ":" + line;
  }
}
