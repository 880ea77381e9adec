package dev.llmcost.it.bench;

import dev.llmcost.fake.Behaviour;
import dev.llmcost.fake.FakeProvider;
import dev.llmcost.fake.FakeUsage;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The overhead benchmark: JMH on the hot paths, then child JVMs with no agent, with this agent and
 * with the OpenTelemetry Java agent, side by side (start-up, per-call latency, streaming,
 * throughput, memory). Prints one report with the targets and writes it to target/bench/.
 * Run it with {@code mvn -B -ntp -Pbench verify} (see the README's Performance section).
 */
public final class OverheadBenchmark {
  private OverheadBenchmark() {}

  public static void main(String[] args) throws Exception {
    long started = System.nanoTime();
    BenchSettings settings = BenchSettings.fromSystemProperties();
    BenchPaths paths = BenchPaths.fromSystemProperties();
    String machine = machine();
    ProcessRuns.progress("%s", machine);

    List<JmhRun.Result> jmh = List.of();
    if (settings.jmh()) {
      ProcessRuns.progress("JMH hot paths (%s, -prof gc); log in %s", settings.jmhArgs(),
          paths.outputDir().resolve("jmh.log"));
      jmh = JmhRun.run(paths, settings.jmhArgs());
    }
    Samples samples = new Samples();
    Behaviour answers = Behaviour.normal().withChunks(settings.streamChunks())
        .withUsage(FakeUsage.of(1200, 200));
    try (FakeProvider provider = FakeProvider.start(answers); OtlpSink sink = OtlpSink.start()) {
      ProcessRuns runs = new ProcessRuns(paths, settings, provider, sink);
      runs.startup(samples);
      runs.steadyState(samples);
    }
    OverheadReport report = new OverheadReport(samples, settings, paths, jmh);
    String table = report.render();
    Path file = paths.outputDir().resolve("overhead-report.md");
    Files.writeString(file, machine + "\n\n" + table);
    System.out.println();
    System.out.println(machine);
    System.out.println();
    System.out.println(table);
    ProcessRuns.progress("written to %s; whole run %.1f min", file,
        (System.nanoTime() - started) / 60e9);
  }

  private static String machine() {
    long memory = ((com.sun.management.OperatingSystemMXBean)
        ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
    return String.format(Locale.ROOT, "Machine: %d cores (nproc), %.1f GB memory, %s %s; JDK %s (%s); "
            + "load average at start %.1f", Runtime.getRuntime().availableProcessors(), memory / 1e9,
        System.getProperty("os.name"), System.getProperty("os.arch"), Runtime.version(),
        System.getProperty("java.vm.name"), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }
}
