package dev.llmcost.it.bench.apps;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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

/**
 * The application of the steady-state benchmark: after a warm-up, rounds of LLM calls (JSON, and
 * SSE streams read line by line), ordinary REST calls, and a stretch of 64 concurrent async LLM
 * calls; then heap, metaspace and classes after a full GC. Each figure is printed as
 * {@code RESULT name value}: the median of its rounds (a noisy round cannot decide it).
 *
 * <p>Arguments: baseUrl warmupSeconds rounds llmCalls restCalls throughputSeconds concurrency
 */
public final class SteadyStateApp {
  private final HttpClient client = BenchRequests.newClient();
  private final BenchRequests requests;

  private SteadyStateApp(String baseUrl) {
    this.requests = new BenchRequests(baseUrl);
  }

  public static void main(String[] args) throws Exception {
    SteadyStateApp app = new SteadyStateApp(args[0]);
    double warmupSeconds = Double.parseDouble(args[1]);
    int rounds = Integer.parseInt(args[2]);
    int llmCalls = Integer.parseInt(args[3]);
    int restCalls = Integer.parseInt(args[4]);
    double throughputSeconds = Double.parseDouble(args[5]);
    int concurrency = Integer.parseInt(args[6]);

    long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
    while (System.nanoTime() < warmupEnd) {
      app.round(llmCalls / 4, restCalls / 4, 0.2, concurrency);
    }
    double[][] results = new double[rounds][];
    for (int r = 0; r < rounds; r++) {
      results[r] = app.round(llmCalls, restCalls, throughputSeconds, concurrency);
    }
    String[] names = {"json_us", "sse_first_us", "sse_last_us", "rest_post_us", "rest_get_us",
        "async_rps"};
    for (int i = 0; i < names.length; i++) {
      double[] column = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        column[r] = results[r][i];
      }
      print(names[i], median(column));
    }
    app.memory();
  }

  /** One round of every workload; returns the figures in the order main names them. */
  private double[] round(int llmCalls, int restCalls, double throughputSeconds, int concurrency)
      throws Exception {
    double json = meanMicros(requests.chatJson, llmCalls);
    double[] sse = stream(llmCalls);
    double post = meanMicros(requests.restPost, restCalls);
    double get = meanMicros(requests.restGet, restCalls);
    double rps = throughput(throughputSeconds, concurrency);
    return new double[] {json, sse[0], sse[1], post, get, rps};
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
  private double throughput(double seconds, int concurrency) throws InterruptedException {
    if (seconds <= 0) {
      return 0;
    }
    Semaphore inFlight = new Semaphore(concurrency);
    AtomicLong done = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    while (System.nanoTime() < end) {
      inFlight.acquire();
      client.sendAsync(requests.chatJson, BodyHandlers.ofString()).whenComplete((response, error) -> {
        (error == null ? done : failed).incrementAndGet();
        inFlight.release();
      });
    }
    if (!inFlight.tryAcquire(concurrency, 60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("async calls did not finish");
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    if (failed.get() > 0) {
      throw new IllegalStateException(failed.get() + " async calls failed");
    }
    return done.get() / elapsed;
  }

  private void memory() throws InterruptedException {
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
    print("heap_mb", heap / (1 << 20));
    print("metaspace_mb", metaspace / (1 << 20));
    print("classes", ManagementFactory.getClassLoadingMXBean().getLoadedClassCount());
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static void print(String name, double value) {
    System.out.println(String.format(Locale.ROOT, "RESULT %s %.3f", name, value));
  }
}
