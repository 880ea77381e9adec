package dev.llmcost.agent.report;

import dev.llmcost.agent.call.CallSite;
import dev.llmcost.agent.call.PricedCall;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The run's spend so far, by model and by call site, printed as a table at exit. Call sites are
 * bounded so a program with endless distinct sites cannot grow this without limit.
 */
public final class RunReport implements Consumer<PricedCall> {
  static final int MAX_SITES = 500;
  private static final String OTHER_SITES = "(other call sites)";

  private final RunTotals total = new RunTotals();
  private final Map<String, RunTotals> byModel = new ConcurrentHashMap<>();
  private final Map<String, RunTotals> bySite = new ConcurrentHashMap<>();

  @Override
  public void accept(PricedCall call) {
    total.add(call);
    String model = call.record().endpoint().provider() + "/"
        + (call.record().model() != null ? call.record().model() : "unknown");
    byModel.computeIfAbsent(model, k -> new RunTotals()).add(call);
    siteTotals(call.record().callSite()).add(call);
  }

  private RunTotals siteTotals(CallSite site) {
    String key = site == null ? "(unknown)" : site.function() + ":" + site.line();
    RunTotals t = bySite.get(key);
    if (t == null) {
      t = bySite.size() < MAX_SITES ? bySite.computeIfAbsent(key, k -> new RunTotals())
          : bySite.computeIfAbsent(OTHER_SITES, k -> new RunTotals());
    }
    return t;
  }

  public RunTotals total() {
    return total;
  }

  /** The same figures as the table, as JSON: totals, then rows by model and by call site. */
  public String toJson() {
    StringBuilder sb = new StringBuilder("{\"total\":");
    appendTotals(sb, total);
    sb.append(",\"by_model\":");
    appendRows(sb, byModel);
    sb.append(",\"by_call_site\":");
    appendRows(sb, bySite);
    return sb.append('}').toString();
  }

  private static void appendRows(StringBuilder sb, Map<String, RunTotals> rows) {
    sb.append('[');
    rows(rows).forEach(e -> {
      if (sb.charAt(sb.length() - 1) != '[') {
        sb.append(',');
      }
      sb.append("{\"name\":").append(JsonText.quote(e.getKey())).append(",\"totals\":");
      appendTotals(sb, e.getValue());
      sb.append('}');
    });
    sb.append(']');
  }

  private static void appendTotals(StringBuilder sb, RunTotals t) {
    synchronized (t) {
      sb.append(String.format(Locale.ROOT, "{\"calls\":%d,\"input_tokens\":%d,\"output_tokens\":%d,"
              + "\"cache_read_tokens\":%d,\"cost_usd\":%.9f,\"waste_usd\":%.9f,"
              + "\"cache_hit_ratio\":%.6f,\"estimated_calls\":%d,\"unpriced_calls\":%d,"
              + "\"duplicate_calls\":%d,\"duplicate_usd\":%.9f,\"outcomes\":{",
          t.calls, t.inputTokens, t.outputTokens, t.cachedTokens, t.costUsd, t.wasteUsd,
          t.cacheHitRatio(), t.estimatedCalls, t.unpricedCalls, t.duplicateCalls, t.duplicateUsd));
      sb.append(t.outcomes.entrySet().stream()
          .map(e -> "\"" + e.getKey().value() + "\":" + e.getValue())
          .collect(Collectors.joining(",")));
      sb.append("}}");
    }
  }

  /** The table, one line per row; empty when no LLM call was seen. */
  public List<String> lines() {
    if (total.calls() == 0) {
      return List.of();
    }
    List<String> out = new java.util.ArrayList<>();
    out.add(String.format(Locale.ROOT, "LLM cost report: %d calls, $%.6f spent, $%.6f wasted "
            + "(%d not consumed), cache hit %.1f%%", total.calls, total.costUsd, total.wasteUsd,
        total.notConsumed(), 100 * total.cacheHitRatio()));
    out.add(header("model"));
    rows(byModel).forEach(e -> out.add(row(e.getKey(), e.getValue())));
    out.add(header("call site"));
    rows(bySite).limit(10).forEach(e -> out.add(row(e.getKey(), e.getValue())));
    if (total.unpricedCalls > 0) {
      out.add(total.unpricedCalls + " call(s) had no price (unknown model): tokens counted, cost not");
    }
    if (total.duplicateCalls > 0) {
      out.add(String.format(Locale.ROOT, "%d call(s) repeated a request answered shortly before: "
          + "$%.6f a response cache would have saved", total.duplicateCalls, total.duplicateUsd));
    }
    if (total.estimatedCalls > 0) {
      out.add(total.estimatedCalls + " call(s) carry estimated token counts");
    }
    return out;
  }

  private static Stream<Map.Entry<String, RunTotals>> rows(Map<String, RunTotals> m) {
    return m.entrySet().stream().sorted(
        Comparator.comparingDouble((Map.Entry<String, RunTotals> e) -> -e.getValue().costUsd())
            .thenComparing(Map.Entry::getKey));
  }

  private static String header(String what) {
    return String.format(Locale.ROOT, "  %-48s %6s %10s %10s %10s %12s %12s %s", what, "calls",
        "in tok", "out tok", "cached", "cost $", "waste $", "outcomes");
  }

  private static String row(String name, RunTotals t) {
    synchronized (t) {
      String outcomes = t.outcomes.entrySet().stream()
          .map(e -> e.getKey().value() + "=" + e.getValue()).collect(Collectors.joining(" "));
      return String.format(Locale.ROOT, "  %-48s %6d %10d %10d %10d %12.6f %12.6f %s",
          abbreviate(name), t.calls, t.inputTokens, t.outputTokens, t.cachedTokens, t.costUsd,
          t.wasteUsd, outcomes);
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 48 ? s : "…" + s.substring(s.length() - 47);
  }
}
