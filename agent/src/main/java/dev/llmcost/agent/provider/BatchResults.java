package dev.llmcost.agent.provider;

import dev.llmcost.agent.usage.Usage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a batch's results file said, line by line: every succeeded request is a call billed at
 * batch rates, so tokens are kept per model (an Anthropic batch may mix models), and per request:
 * a price tier (long context) is decided by each request's own input, not by the file's sum.
 */
public final class BatchResults {
  private final Map<String, Usage> usageByModel = new LinkedHashMap<>();
  /** Each billed request's tokens, by model: ~60 bytes a request, until the file is priced. */
  private final Map<String, List<Usage>> requestsByModel = new LinkedHashMap<>();
  private int billed;
  private int notBilled;

  /** A request of the batch that succeeded and was billed for {@code usage}. */
  void addBilled(String model, Usage usage) {
    billed++;
    String key = model == null ? "unknown" : model;
    usageByModel.merge(key, usage, BatchResults::sum);
    requestsByModel.computeIfAbsent(key, k -> new ArrayList<>()).add(usage);
  }

  /** A request that errored, expired or was cancelled: providers bill those nothing. */
  void addNotBilled() {
    notBilled++;
  }

  /** Requests billed, one per results line that succeeded. */
  public int billed() {
    return billed;
  }

  public int notBilled() {
    return notBilled;
  }

  /** Each model's tokens, all its requests together. */
  public Map<String, Usage> usageByModel() {
    return Collections.unmodifiableMap(usageByModel);
  }

  /** Each billed request's tokens, by model, in file order. */
  public Map<String, List<Usage>> requestsByModel() {
    return Collections.unmodifiableMap(requestsByModel);
  }

  /** All models' tokens together, or null when no line was billed. */
  Usage total() {
    Usage total = null;
    for (Usage u : usageByModel.values()) {
      total = total == null ? u : sum(total, u);
    }
    return total;
  }

  /** The first model billed: names the span. */
  String firstModel() {
    return usageByModel.isEmpty() ? null : usageByModel.keySet().iterator().next();
  }

  private static Usage sum(Usage a, Usage b) {
    return new Usage(a.inputTokens() + b.inputTokens(), a.outputTokens() + b.outputTokens(),
        a.cacheReadTokens() + b.cacheReadTokens(), a.cacheWrite5mTokens() + b.cacheWrite5mTokens(),
        a.cacheWrite1hTokens() + b.cacheWrite1hTokens(), a.reasoningTokens() + b.reasoningTokens(),
        a.estimated() || b.estimated());
  }
}
