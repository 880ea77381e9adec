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
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
  private int commands;

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
        samples.add("startup_classes", setup, field(result, "classes"));
        progress("start-up %d/%d %-16s main %6.0f ms   first LLM call %6.0f ms", rep + 1,
            settings.startupReps(), setup.label, toMain, toFirstCall);
        provider.clear();
      }
    }
  }

  /**
   * Per-call latency, streaming, throughput and memory. A few JVMs per setup (two by default), all
   * alive at once, taking turns round by round (in an order that rotates), so each round of one
   * setup has a round of the others right beside it in time to be compared with. Round r runs on
   * each setup's JVM r mod n: two JVMs of one build differ by tens of microseconds a call (JIT,
   * memory layout), and one JVM per setup would carry its own luck into every row.
   */
  void steadyState(Samples samples) {
    Map<AgentSetup, List<RunningJvm>> jvms = new EnumMap<>(AgentSetup.class);
    try {
      for (int instance = 0; instance < settings.jvmsPerSetup(); instance++) {
        for (AgentSetup setup : AgentSetup.values()) {
          RunningJvm jvm = startSteadyStateJvm(setup);
          jvms.computeIfAbsent(setup, s -> new ArrayList<>()).add(jvm);
          jvm.awaitStdout("READY", Duration.ofMinutes(2));
          checkStarted(setup, jvm.stderr());
        }
      }
      for (int instance = 0; instance < settings.jvmsPerSetup(); instance++) {
        for (AgentSetup setup : AgentSetup.values()) {
          Map<String, Double> warmup = command(jvms.get(setup).get(instance), "warmup",
              fmt(settings.warmupSeconds()), fmt(settings.warmupMaxSeconds()));
          warmup.forEach((name, value) -> samples.add(name, setup, value));
          progress("steady: %s #%d warmed up (%.0f s)", setup.label, instance + 1, warmup.get("warmup_s"));
        }
      }
      for (int round = 0; round < settings.rounds(); round++) {
        int instance = round % settings.jvmsPerSetup();
        for (AgentSetup setup : rotated(round)) {
          long exportedBefore = sink.bytesReceived();
          Map<String, Double> results = command(jvms.get(setup).get(instance), "round");
          results.forEach((name, value) -> samples.add(name, setup, value));
          samples.add("exported_kb", setup, (sink.bytesReceived() - exportedBefore) / 1024.0);
          progress("steady round %d/%d %-16s#%d %s", round + 1, settings.rounds(), setup.label,
              instance + 1, results);
        }
        provider.clear();
      }
      for (AgentSetup setup : AgentSetup.values()) {
        for (RunningJvm jvm : jvms.get(setup)) {
          Map<String, Double> results = command(jvm, "memory");
          results.forEach((name, value) -> samples.add(name, setup, value));
          progress("steady memory %-16s%s", setup.label, results);
        }
      }
    } finally {
      for (List<RunningJvm> ofSetup : jvms.values()) {
        for (RunningJvm jvm : ofSetup) {
          if (jvm.isAlive()) {
            jvm.writeLine("quit");
          }
          jvm.awaitExit(Duration.ofSeconds(30));
        }
      }
    }
  }

  /**
   * The JDK HttpClient may close a pooled connection just as it reuses it for the next request
   * when the answer comes back at once ("CleanupTrigger triggered for a connection not found in
   * the pool ... Data received while in pool", then "HTTP/1.1 header parser received no bytes"):
   * about one steady-state JVM in ten on JDK 25, with no agent too. The JDK retries such a request
   * itself only when it is idempotent; the property lets it retry these POSTs as well, in every setup.
   */
  private RunningJvm startSteadyStateJvm(AgentSetup setup) {
    return setup.apply(AgentJvm.forMain(SteadyStateApp.class).withoutDefaultJvmArgs(), paths, sink)
        .jvmArgs("-Xms512m", "-Xmx512m")
        .systemProperty("jdk.httpclient.enableAllMethodRetry", "true")
        .args(provider.baseUrl(), Integer.toString(settings.llmCalls()),
            Integer.toString(settings.restCalls()), fmt(settings.throughputSeconds()),
            Integer.toString(settings.concurrency()))
        .start();
  }

  /** Sends one command and returns the figures it printed. */
  private Map<String, Double> command(RunningJvm jvm, String name, String... args) {
    String seq = Integer.toString(++commands);
    jvm.writeLine(name + " " + seq + (args.length == 0 ? "" : " " + String.join(" ", args)));
    jvm.awaitStdout("DONE " + seq + "\n", Duration.ofMinutes(3));
    Map<String, Double> results = new LinkedHashMap<>();
    String prefix = "RESULT " + seq + " ";
    for (String line : jvm.stdout().split("\n")) {
      if (line.startsWith(prefix)) {
        String[] parts = line.substring(prefix.length()).trim().split(" ");
        results.put(parts[0], Double.parseDouble(parts[1]));
      }
    }
    return results;
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
    checkStarted(setup, result.stderr());
  }

  /** The agent said it started: the run measured what it says it did. */
  private static void checkStarted(AgentSetup setup, String stderr) {
    if (setup.startedMarker != null && !stderr.contains(setup.startedMarker)) {
      throw new IllegalStateException(setup.label + " did not start in the child:\n" + stderr);
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
