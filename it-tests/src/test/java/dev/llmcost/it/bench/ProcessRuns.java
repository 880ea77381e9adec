package dev.llmcost.it.bench;

import dev.llmcost.fake.FakeProvider;
import dev.llmcost.it.bench.apps.StartupApp;
import dev.llmcost.it.bench.apps.SteadyStateApp;
import dev.llmcost.it.harness.AgentJvm;
import dev.llmcost.it.harness.JvmResult;
import dev.llmcost.it.harness.RunningJvm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Runs the benchmark applications in child JVMs, every agent setup once per repetition, in an order
 * that rotates from one repetition to the next (A B C, B C A, ...) so no setup always runs first
 * or last on a machine that warms up or gets busier.
 */
final class ProcessRuns {
  private final BenchPaths paths;
  private final BenchSettings settings;
  private final FakeProvider provider;
  private final OtlpSink sink;

  ProcessRuns(BenchPaths paths, BenchSettings settings, FakeProvider provider, OtlpSink sink) {
    this.paths = paths;
    this.settings = settings;
    this.provider = provider;
    this.sink = sink;
  }

  /** Time to main and to the first LLM call's answer, in ms from launch. */
  void startup(Samples samples) {
    for (int rep = 0; rep < settings.startupReps(); rep++) {
      for (AgentSetup setup : rotated(rep)) {
        AgentJvm jvm = setup.apply(AgentJvm.forMain(StartupApp.class).withoutDefaultJvmArgs(), paths, sink)
            .args(provider.baseUrl()).timeout(Duration.ofSeconds(120));
        long launched = System.currentTimeMillis();
        JvmResult result;
        try (RunningJvm running = jvm.start()) {
          result = running.awaitExit(Duration.ofSeconds(120));
        }
        check(setup, result);
        double toMain = field(result, "main-ms") - launched;
        double toFirstCall = field(result, "first-call-ms") - launched;
        samples.add("startup_main_ms", setup, toMain);
        samples.add("startup_first_call_ms", setup, toFirstCall);
        progress("start-up %d/%d %-16s main %6.0f ms   first LLM call %6.0f ms", rep + 1,
            settings.startupReps(), setup.label, toMain, toFirstCall);
        provider.clear();
      }
    }
  }

  /** Per-call latency, streaming, throughput and memory, from one JVM per setup and repetition. */
  void steadyState(Samples samples) {
    for (int rep = 0; rep < settings.steadyReps(); rep++) {
      for (AgentSetup setup : rotated(rep)) {
        long exportedBefore = sink.bytesReceived();
        JvmResult result = setup.apply(AgentJvm.forMain(SteadyStateApp.class).withoutDefaultJvmArgs(), paths, sink)
            .jvmArgs("-Xms512m", "-Xmx512m")
            .args(provider.baseUrl(), fmt(settings.warmupSeconds()), Integer.toString(settings.rounds()),
                Integer.toString(settings.llmCalls()), Integer.toString(settings.restCalls()),
                fmt(settings.throughputSeconds()), Integer.toString(settings.concurrency()))
            .timeout(Duration.ofMinutes(5))
            .run();
        check(setup, result);
        StringBuilder line = new StringBuilder();
        for (String l : result.stdout().split("\n")) {
          String[] parts = l.trim().split(" ");
          if (parts.length == 3 && parts[0].equals("RESULT")) {
            samples.add(parts[1], setup, Double.parseDouble(parts[2]));
            line.append(' ').append(parts[1]).append('=').append(parts[2]);
          }
        }
        samples.add("exported_kb", setup, (sink.bytesReceived() - exportedBefore) / 1024.0);
        progress("steady %d/%d %-16s%s", rep + 1, settings.steadyReps(), setup.label, line);
        provider.clear();
      }
    }
  }

  private static List<AgentSetup> rotated(int rep) {
    List<AgentSetup> order = new ArrayList<>(List.of(AgentSetup.values()));
    Collections.rotate(order, -rep);
    return order;
  }

  private static void check(AgentSetup setup, JvmResult result) {
    if (result.timedOut() || result.exitCode() != 0) {
      throw new IllegalStateException(setup.label + " run failed: " + result.describe());
    }
    if (setup.startedMarker != null && !result.stderr().contains(setup.startedMarker)) {
      throw new IllegalStateException(setup.label + " did not start in the child:\n" + result.stderr());
    }
  }

  private static double field(JvmResult result, String name) {
    for (String line : result.stdout().split("\n")) {
      if (line.startsWith(name + " ")) {
        return Double.parseDouble(line.substring(name.length() + 1).trim());
      }
    }
    throw new IllegalStateException("no " + name + " in the output:\n" + result.stdout());
  }

  private static String fmt(double d) {
    return String.format(Locale.ROOT, "%.2f", d);
  }

  static void progress(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
    System.out.flush();
  }
}
