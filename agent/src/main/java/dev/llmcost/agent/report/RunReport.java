package dev.llmcost.agent.report;

import dev.llmcost.agent.call.CallSite;
import dev.llmcost.agent.call.PricedCall;
import dev.llmcost.agent.waste.BatchCandidates;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The run's spend so far, by model, by call site and by call site and model (tiering), with the
 * top savings opportunities: printed as a table at exit (and on demand), written as JSON. Rows
 * are bounded so a program with endless distinct sites cannot grow this without limit.
 */
public final class RunReport implements Consumer<PricedCall> {
  static final int MAX_SITES = 500;
  /** Far more models than one application uses; past it, a request's junk model names fold. */
  static final int MAX_MODELS = 100;
  /** Model rows printed; the JSON report has them all. */
  static final int PRINTED_MODELS = 20;
  private static final String OTHER_SITES = "(other call sites)";
  private static final String OTHER_MODELS = "(other models)";

  private final RunTotals total = new RunTotals();
  /** Calls fired side by side that make a batch candidate: named in the report's words. */
  private final int batchMinCalls;
  private final Map<String, RunTotals> byModel = new ConcurrentHashMap<>();
  private final Map<String, RunTotals> bySite = new ConcurrentHashMap<>();
  private final Map<String, RunTotals> bySiteAndModel = new ConcurrentHashMap<>();
  /**
   * Calls are added side by side (shared); a report is rendered alone (exclusive), so a report
   * read while calls settle has its total and its rows counting the same calls.
   */
  private final ReadWriteLock snapshot = new ReentrantReadWriteLock();

  public RunReport() {
    this(BatchCandidates.DEFAULT_MIN_CALLS);
  }

  public RunReport(int batchMinCalls) {
    this.batchMinCalls = batchMinCalls;
  }

  @Override
  public void accept(PricedCall call) {
    String model = call.record().endpoint().provider() + "/"
        + (call.record().model() != null ? call.record().model() : "unknown");
    String site = siteName(call.record().callSite());
    snapshot.readLock().lock();
    try {
      total.add(call);
      bounded(byModel, model, MAX_MODELS, OTHER_MODELS).add(call);
      bounded(bySite, site, MAX_SITES, OTHER_SITES).add(call);
      bounded(bySiteAndModel, site + " " + model, MAX_SITES, OTHER_SITES).add(call);
    } finally {
      snapshot.readLock().unlock();
    }
  }

  /** {@code function:line}, built once per site ({@link CallSite#key}). */
  private static String siteName(CallSite site) {
    return site == null ? "(unknown)" : site.key();
  }

  private static RunTotals bounded(Map<String, RunTotals> rows, String key, int max, String other) {
    RunTotals t = rows.get(key);
    if (t == null) {
      t = rows.size() < max ? rows.computeIfAbsent(key, k -> new RunTotals())
          : rows.computeIfAbsent(other, k -> new RunTotals());
    }
    return t;
  }

  public RunTotals total() {
    return total;
  }

  /** The same figures as the table, as JSON: totals, rows, tiering and savings. */
  public String toJson() {
    snapshot.writeLock().lock();
    try {
      return renderJson();
    } finally {
      snapshot.writeLock().unlock();
    }
  }

  private String renderJson() {
    double monthly = Savings.monthlyFactor(total);
    StringBuilder sb = new StringBuilder("{\"total\":");
    appendTotals(sb, total);
    sb.append(String.format(Locale.ROOT, ",\"observed_seconds\":%.3f,"
            + "\"monthly_equivalent_usd\":{\"cost\":%.6f,\"waste\":%.6f,"
            + "\"caching_opportunity\":%.6f,\"batch_opportunity\":%.6f}",
        total.observedSeconds(), total.costUsd() * monthly, total.wasteUsd() * monthly,
        cachingUsd() * monthly, batchUsd() * monthly));
    sb.append(",\"by_model\":");
    appendRows(sb, byModel);
    sb.append(",\"by_call_site\":");
    appendRows(sb, bySite);
    sb.append(",\"by_call_site_and_model\":");
    appendRows(sb, bySiteAndModel);
    sb.append(",\"savings\":[");
    List<Savings.Opportunity> savings = Savings.top(total, bySiteAndModel, batchMinCalls);
    for (int i = 0; i < savings.size(); i++) {
      Savings.Opportunity o = savings.get(i);
      sb.append(i == 0 ? "" : ",").append("{\"what\":").append(JsonText.quote(o.what()))
          .append(",\"how\":").append(JsonText.quote(o.how()))
          .append(String.format(Locale.ROOT, ",\"usd\":%.9f,\"monthly_usd\":%.6f}", o.usd(),
              o.usd() * monthly));
    }
    return sb.append("]}").toString();
  }

  private double cachingUsd() {
    synchronized (total) {
      return total.cachingUsd;
    }
  }

  private double batchUsd() {
    synchronized (total) {
      return total.batchUsd;
    }
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
              + "\"cache_read_tokens\":%d,\"cache_write_tokens\":%d,\"cost_usd\":%.9f,"
              + "\"waste_usd\":%.9f,\"cache_hit_ratio\":%.6f,\"mean_output_tokens\":%.1f,"
              + "\"estimated_calls\":%d,\"unpriced_calls\":%d,"
              + "\"duplicate_calls\":%d,\"duplicate_usd\":%.9f,\"failed_calls\":%d,"
              + "\"failed_usd\":%.9f,\"retried_calls\":%d,\"retried_usd\":%.9f,"
              + "\"caching_opportunity_calls\":%d,\"caching_opportunity_usd\":%.9f,"
              + "\"batch_opportunity_calls\":%d,\"batch_opportunity_usd\":%.9f,\"outcomes\":{",
          t.calls, t.inputTokens, t.outputTokens, t.cachedTokens, t.cacheWriteTokens, t.costUsd,
          t.wasteUsd, t.cacheHitRatio(), t.meanOutputTokens(), t.estimatedCalls,
          t.unpricedCalls, t.duplicateCalls, t.duplicateUsd, t.failedCalls, t.failedUsd,
          t.retriedCalls, t.retriedUsd, t.cachingCalls, t.cachingUsd, t.batchCalls, t.batchUsd));
      sb.append(t.outcomes.entrySet().stream()
          .map(e -> "\"" + e.getKey().value() + "\":" + e.getValue())
          .collect(Collectors.joining(",")));
      sb.append("}}");
    }
  }

  /** The table, one line per row; empty when no LLM call was seen. */
  public List<String> lines() {
    snapshot.writeLock().lock();
    try {
      return renderLines();
    } finally {
      snapshot.writeLock().unlock();
    }
  }

  private List<String> renderLines() {
    if (total.calls() == 0) {
      return List.of();
    }
    double monthly = Savings.monthlyFactor(total);
    List<String> out = new ArrayList<>();
    out.add(String.format(Locale.ROOT, "LLM cost report: %d calls, $%.6f spent, $%.6f wasted "
            + "(%d not consumed), cache hit %.1f%%; at this rate $%.2f a month",
        total.calls, total.costUsd, total.wasteUsd, total.notConsumed(),
        100 * total.cacheHitRatio(), total.costUsd() * monthly));
    out.add(header("model"));
    rows(byModel).limit(PRINTED_MODELS).forEach(e -> out.add(row(e.getKey(), e.getValue())));
    if (byModel.size() > PRINTED_MODELS) {
      out.add("  ... " + (byModel.size() - PRINTED_MODELS) + " more model rows, costing less");
    }
    out.add(header("call site"));
    rows(bySite).limit(10).forEach(e -> out.add(row(e.getKey(), e.getValue())));
    synchronized (total) {
      if (total.unpricedCalls > 0) {
        out.add(total.unpricedCalls
            + " call(s) had no price (unknown model): tokens counted, cost not");
      }
      if (total.duplicateCalls > 0) {
        out.add(String.format(Locale.ROOT, "%d call(s) repeated a request answered shortly "
            + "before: $%.6f a response cache would have saved", total.duplicateCalls,
            total.duplicateUsd));
      }
      if (total.failedCalls > 0 || total.retriedCalls > 0) {
        out.add(String.format(Locale.ROOT, "%d call(s) failed ($%.6f billed); %d retried a "
                + "failed request ($%.6f)", total.failedCalls, total.failedUsd,
            total.retriedCalls, total.retriedUsd));
      }
      if (total.cachingCalls > 0) {
        out.add(String.format(Locale.ROOT, "%d call(s) resent a prompt prefix of 1024+ tokens "
                + "without a cache hit: caching would have saved $%.6f ($%.2f a month at this "
                + "rate)", total.cachingCalls, total.cachingUsd, total.cachingUsd * monthly));
      }
      if (total.batchCalls > 0) {
        out.add(String.format(Locale.ROOT, "%d call(s) were fired side by side (%d or more from "
                + "one call site and thread before the first answer): a Batch API would have "
                + "billed them $%.6f less ($%.2f a month at this rate)", total.batchCalls,
            batchMinCalls, total.batchUsd,
            total.batchUsd * monthly));
      }
      if (total.estimatedCalls > 0) {
        out.add(total.estimatedCalls + " call(s) carry estimated token counts");
      }
    }
    List<Savings.Opportunity> savings = Savings.top(total, bySiteAndModel, batchMinCalls);
    if (!savings.isEmpty()) {
      out.add("top savings opportunities:");
      for (Savings.Opportunity o : savings) {
        out.add(String.format(Locale.ROOT, "  $%.6f ($%.2f a month) %s: %s", o.usd(),
            o.usd() * monthly, o.what(), o.how()));
      }
    }
    return out;
  }

  private static Stream<Map.Entry<String, RunTotals>> rows(Map<String, RunTotals> m) {
    return m.entrySet().stream().sorted(
        Comparator.comparingDouble((Map.Entry<String, RunTotals> e) -> -e.getValue().costUsd())
            .thenComparing(Map.Entry::getKey));
  }

  private static String header(String what) {
    return String.format(Locale.ROOT, "  %-48s %6s %10s %10s %10s %6s %12s %12s %s", what,
        "calls", "in tok", "out tok", "cached", "cache%", "cost $", "waste $", "outcomes");
  }

  private static String row(String name, RunTotals t) {
    synchronized (t) {
      String outcomes = t.outcomes.entrySet().stream()
          .map(e -> e.getKey().value() + "=" + e.getValue()).collect(Collectors.joining(" "));
      return String.format(Locale.ROOT, "  %-48s %6d %10d %10d %10d %6.1f %12.6f %12.6f %s",
          abbreviate(name), t.calls, t.inputTokens, t.outputTokens, t.cachedTokens,
          100 * t.cacheHitRatio(), t.costUsd, t.wasteUsd, outcomes);
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 48 ? s : "…" + s.substring(s.length() - 47);
  }
}
