package dev.llmcost.it.bench.apps;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.Attribute;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The application of the steady-state benchmark. It stays up and runs what the driver asks on
 * its standard input, one command at a time, so the driver can interleave rounds of the three
 * JVMs (A B C A B C ...): a busy minute on the machine then hits all of them alike.
 *
 * <ul>
 *   <li>{@code warmup SEQ MIN_SECONDS MAX_SECONDS}: small rounds until the JIT compiler has settled;
 *   <li>{@code round SEQ}: LLM calls (JSON, and SSE streams read line by line), REST calls, and
 *       stretches of concurrent async LLM calls: answered at once (the machine's CPU is the
 *       limit, so every microsecond of the agent's shows) and answered after a provider's
 *       latency (the limit a real service meets); under this agent, then the same LLM calls
 *       with its tracking on and paused in turn, in this one JVM (see {@link #inTurn});
 *   <li>{@code memory SEQ}: heap, metaspace and classes after a full GC;
 *   <li>{@code quit}.
 * </ul>
 * Each figure is printed as {@code RESULT SEQ name value}, then {@code DONE SEQ}.
 *
 * <p>Arguments: baseUrl llmCalls restCalls throughputSeconds concurrency
 */
public final class SteadyStateApp {
  /** How long the provider takes in the second throughput stretch: a short real completion. */
  public static final int PROVIDER_LATENCY_MS = 50;
  /** Idle at the end of a round: the agent exports what the round produced before the next JVM's turn. */
  private static final long SETTLE_MILLIS = 500;
  private static final long SETTLED_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(5);
  /** Warm-up ends once a window spends less than this share of its time compiling. */
  private static final double SETTLED_COMPILE_SHARE = 0.02;
  /** This agent's switch; absent without it (no agent, the OpenTelemetry agent's JVMs). */
  private static final String TRACKING_SWITCH = "dev.llmcost:type=Tracking";
  /** After each block of calls with tracking on or paused: its spans leave before the next block. */
  private static final long BLOCK_SETTLE_MILLIS = 300;

  private final HttpClient client = BenchRequests.newClient();
  private final MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
  private final BenchRequests requests;
  private final int llmCalls;
  private final int restCalls;
  private final double throughputSeconds;
  private final int concurrency;

  private SteadyStateApp(String[] args) {
    requests = new BenchRequests(args[0]);
    llmCalls = Integer.parseInt(args[1]);
    restCalls = Integer.parseInt(args[2]);
    throughputSeconds = Double.parseDouble(args[3]);
    concurrency = Integer.parseInt(args[4]);
  }

  public static void main(String[] args) throws Exception {
    SteadyStateApp app = new SteadyStateApp(args);
    BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    System.out.println("READY");
    String line;
    while ((line = commands.readLine()) != null) {
      String[] c = line.trim().split(" ");
      switch (c[0]) {
        case "warmup" -> print(c[1], "warmup_s", app.warmup(Double.parseDouble(c[2]), Double.parseDouble(c[3])));
        case "round" -> app.round(c[1]);
        case "memory" -> app.memory(c[1]);
        case "quit" -> {
          return;
        }
        default -> throw new IllegalArgumentException("unknown command: " + line);
      }
      System.out.println("DONE " + c[1]);
    }
  }

  /**
   * Runs the round's workloads until the JIT compiler has settled: at least {@code minSeconds},
   * then until a {@link #SETTLED_WINDOW_NANOS} window spends under {@link #SETTLED_COMPILE_SHARE}
   * of its time compiling, at most {@code maxSeconds}. An agent brings more code to compile (its
   * own, the OpenTelemetry SDK's, Jackson's), and compiler threads still busy during the rounds
   * count as CPU per call (measured: 20 s in, a 5 s window of an agent JVM still compiled for
   * 0.5 s). Returns the seconds it took.
   */
  private double warmup(double minSeconds, double maxSeconds) throws Exception {
    long start = System.nanoTime();
    long windowStart = start;
    long compiledAtWindowStart = compilationMillis();
    while (true) {
      meanMicros(requests.chatJson, llmCalls / 4);
      stream(llmCalls / 4);
      meanMicros(requests.restPost, restCalls / 4);
      meanMicros(requests.restGet, restCalls / 4);
      throughput(requests.chatJson, 0.2);
      long now = System.nanoTime();
      if (now - start >= maxSeconds * 1e9) {
        break;
      }
      if (now - windowStart >= SETTLED_WINDOW_NANOS) {
        long compiledNow = compilationMillis();
        long compiled = compiledNow - compiledAtWindowStart;
        boolean settled = compiled * 1e6 < SETTLED_COMPILE_SHARE * (now - windowStart);
        if (settled && now - start >= minSeconds * 1e9) {
          break;
        }
        windowStart = now;
        compiledAtWindowStart = compiledNow;
      }
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** Time the JIT compiler threads have spent compiling since the start, in milliseconds. */
  private static long compilationMillis() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
  }

  private void round(String seq) throws Exception {
    long compiledBefore = compilationMillis();
    long cpu = processCpuNanos();
    print(seq, "json_us", meanMicros(requests.chatJson, llmCalls));
    print(seq, "json_cpu_us", (processCpuNanos() - cpu) / 1e3 / llmCalls);
    cpu = processCpuNanos();
    double[] sse = stream(llmCalls);
    print(seq, "sse_cpu_us", (processCpuNanos() - cpu) / 1e3 / llmCalls);
    print(seq, "sse_first_us", sse[0]);
    print(seq, "sse_last_us", sse[1]);
    print(seq, "rest_post_us", meanMicros(requests.restPost, restCalls));
    print(seq, "rest_get_us", meanMicros(requests.restGet, restCalls));
    print(seq, "async_rps", throughput(requests.chatJson, throughputSeconds));
    print(seq, "async_latency_rps", throughput(requests.chatJsonAnsweredLater, throughputSeconds));
    print(seq, "jit_ms", compilationMillis() - compiledBefore);
    Thread.sleep(SETTLE_MILLIS);
    ObjectName trackingSwitch = new ObjectName(TRACKING_SWITCH);
    if (mbeans.isRegistered(trackingSwitch)) {
      int calls = llmCalls / 2;
      print(seq, "json", inTurn(trackingSwitch, calls, () -> new double[] {meanMicros(requests.chatJson, calls)}), "us");
      print(seq, "sse", inTurn(trackingSwitch, calls, () -> stream(calls)), "first_us", "last_us");
    }
  }

  /** Figures of one block of calls. */
  private interface Block {
    double[] run() throws Exception;
  }

  /**
   * This agent's cost measured inside one JVM: the same block of LLM calls with tracking on and
   * paused in turn (on, paused, paused, on: a machine getting busier or quieter weighs on both
   * alike). Paused, the agent's advice still runs but treats the call as any other request, so
   * the difference is what tracking an LLM call costs, free of the tens of microseconds by which
   * two JVMs of one build differ. CPU per call covers the block and the pause after it, where
   * the spans of its last calls are exported. Returns the block's figures, then CPU per call,
   * with tracking on, then paused, each the mean of its two blocks.
   */
  private double[][] inTurn(ObjectName trackingSwitch, int calls, Block block) throws Exception {
    double[][] sums = new double[2][];
    try {
      for (boolean paused : new boolean[] {false, true, true, false}) {
        mbeans.setAttribute(trackingSwitch, new Attribute("Paused", paused));
        long cpu = processCpuNanos();
        double[] figures = block.run();
        Thread.sleep(BLOCK_SETTLE_MILLIS);
        double[] withCpu = Arrays.copyOf(figures, figures.length + 1);
        withCpu[figures.length] = (processCpuNanos() - cpu) / 1e3 / calls;
        int side = paused ? 1 : 0;
        if (sums[side] == null) {
          sums[side] = new double[withCpu.length];
        }
        for (int i = 0; i < withCpu.length; i++) {
          sums[side][i] += withCpu[i] / 2;
        }
      }
    } finally {
      mbeans.setAttribute(trackingSwitch, new Attribute("Paused", false));
    }
    return sums;
  }

  /** {@code RESULT SEQ json_on_us ...}, {@code json_paused_us ...}, {@code json_on_cpu_us ...}. */
  private static void print(String seq, String kind, double[][] onAndPaused, String... names) {
    String[] sides = {"on", "paused"};
    for (int side = 0; side < 2; side++) {
      for (int i = 0; i < names.length; i++) {
        print(seq, kind + "_" + sides[side] + "_" + names[i], onAndPaused[side][i]);
      }
      print(seq, kind + "_" + sides[side] + "_cpu_us", onAndPaused[side][names.length]);
    }
  }

  private double meanMicros(HttpRequest request, int calls) throws Exception {
    long start = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      HttpResponse<String> response = client.send(request, BodyHandlers.ofString());
      if (response.body().isEmpty()) {
        throw new IllegalStateException("empty answer");
      }
    }
    return (System.nanoTime() - start) / 1e3 / calls;
  }

  /** Mean time to the first SSE data line and to the end of the stream, in microseconds. */
  private double[] stream(int calls) throws Exception {
    long first = 0;
    long last = 0;
    for (int i = 0; i < calls; i++) {
      long start = System.nanoTime();
      HttpResponse<InputStream> response = client.send(requests.chatStream, BodyHandlers.ofInputStream());
      long firstAt = 0;
      int events = 0;
      try (BufferedReader lines = new BufferedReader(
          new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          if (line.startsWith("data:")) {
            events++;
            if (firstAt == 0) {
              firstAt = System.nanoTime();
            }
          }
        }
      }
      long end = System.nanoTime();
      if (events < 2) {
        throw new IOException("not a stream: " + events + " events");
      }
      first += firstAt - start;
      last += end - start;
    }
    return new double[] {first / 1e3 / calls, last / 1e3 / calls};
  }

  /** Completed LLM calls per second with {@code concurrency} sendAsync calls always in flight. */
  private double throughput(HttpRequest request, double seconds) throws InterruptedException {
    Semaphore inFlight = new Semaphore(concurrency);
    AtomicLong done = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    AtomicReference<Throwable> firstFailure = new AtomicReference<>();
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    while (System.nanoTime() < end) {
      inFlight.acquire();
      client.sendAsync(request, BodyHandlers.ofString()).whenComplete((response, error) -> {
        if (error == null) {
          done.incrementAndGet();
        } else {
          failed.incrementAndGet();
          firstFailure.compareAndSet(null, error);
        }
        inFlight.release();
      });
    }
    if (!inFlight.tryAcquire(concurrency, 60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("async calls did not finish");
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    if (failed.get() > 0) {
      throw new IllegalStateException(failed.get() + " async calls failed, the first with: "
          + firstFailure.get(), firstFailure.get());
    }
    return done.get() / elapsed;
  }

  /**
   * CPU time of every thread of this process (the client's, the agent's exporter, GC): steadier
   * than wall time on a shared machine, and it counts work done off the application's wait too.
   */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private void memory(String seq) throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    double heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    double metaspace = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getName().equals("Metaspace")) {
        metaspace = pool.getUsage().getUsed();
      }
    }
    print(seq, "heap_mb", heap / (1 << 20));
    print(seq, "metaspace_mb", metaspace / (1 << 20));
    print(seq, "classes", ManagementFactory.getClassLoadingMXBean().getLoadedClassCount());
  }

  private static void print(String seq, String name, double value) {
    System.out.println(String.format(Locale.ROOT, "RESULT %s %s %.3f", seq, name, value));
  }
}
