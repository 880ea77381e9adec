package dev.llmcost.it.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Figures by metric and agent setup, one per repetition, in repetition order. Setups ran side by
 * side in each repetition, so differences and ratios are taken pairwise (repetition i against
 * repetition i) before the median: a slow minute on the machine hits both sides of a pair.
 */
final class Samples {
  private final Map<String, EnumMap<AgentSetup, List<Double>>> values = new LinkedHashMap<>();

  void add(String metric, AgentSetup setup, double value) {
    values.computeIfAbsent(metric, m -> new EnumMap<>(AgentSetup.class))
        .computeIfAbsent(setup, s -> new ArrayList<>()).add(value);
  }

  boolean has(String metric, AgentSetup setup) {
    return !list(metric, setup).isEmpty();
  }

  List<Double> list(String metric, AgentSetup setup) {
    EnumMap<AgentSetup, List<Double>> bySetup = values.get(metric);
    return bySetup == null ? List.of() : bySetup.getOrDefault(setup, List.of());
  }

  Stat of(String metric, AgentSetup setup) {
    return Stat.of(list(metric, setup));
  }

  /** {@code setup - NONE}, pairwise. */
  Stat added(String metric, AgentSetup setup) {
    List<Double> a = list(metric, setup);
    List<Double> base = list(metric, AgentSetup.NONE);
    List<Double> d = new ArrayList<>();
    for (int i = 0; i < Math.min(a.size(), base.size()); i++) {
      d.add(a.get(i) - base.get(i));
    }
    return Stat.of(d);
  }

  /** {@code a - b} of one setup, pairwise: two figures each round measured in the same JVM. */
  Stat within(String a, String b, AgentSetup setup) {
    List<Double> first = list(a, setup);
    List<Double> second = list(b, setup);
    List<Double> d = new ArrayList<>();
    for (int i = 0; i < Math.min(first.size(), second.size()); i++) {
      d.add(first.get(i) - second.get(i));
    }
    return Stat.of(d);
  }

  /** {@code setup / NONE}, pairwise. */
  Stat ratio(String metric, AgentSetup setup) {
    List<Double> a = list(metric, setup);
    List<Double> base = list(metric, AgentSetup.NONE);
    List<Double> r = new ArrayList<>();
    for (int i = 0; i < Math.min(a.size(), base.size()); i++) {
      r.add(a.get(i) / base.get(i));
    }
    return Stat.of(r);
  }

  /** Median with the range it came from. */
  record Stat(double median, double min, double max, int n) {
    static Stat of(List<Double> values) {
      if (values.isEmpty()) {
        return new Stat(Double.NaN, Double.NaN, Double.NaN, 0);
      }
      double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
      Arrays.sort(v);
      int n = v.length;
      double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
      return new Stat(median, v[0], v[n - 1], n);
    }
  }
}
