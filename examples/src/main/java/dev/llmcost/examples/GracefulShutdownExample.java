package dev.llmcost.examples;

import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * A service that shuts down gracefully: its shutdown hook waits for the workers to finish. Three
 * workers are streaming long answers when the service exits. Without the agent, the exit waits
 * until every answer has been generated (and billed) for nobody; with it, the agent closes those
 * connections as the exit begins, the workers end at once, and the spans say
 * {@code cancelled_at_shutdown}. Ends the JVM, so it runs alone: {@code graceful-shutdown}.
 */
final class GracefulShutdownExample {
  private static final int WORKERS = 3;

  private GracefulShutdownExample() {}

  static void run(LlmClient client) {
    ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
    CountDownLatch streaming = new CountDownLatch(WORKERS);
    for (int i = 0; i < WORKERS; i++) {
      int report = i;
      workers.submit(() -> summarise(client, report, streaming));
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> awaitWorkers(workers)));
    try {
      streaming.await(20, TimeUnit.SECONDS); // every answer has begun to arrive
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    pause(300);
    System.out.println("exiting with " + WORKERS + " answers still streaming");
    System.exit(0);
  }

  private static void summarise(LlmClient client, int report, CountDownLatch streaming) {
    try (Stream<String> lines = client.stream("gpt-4o-mini", "Summarise quarterly report " + report,
        "chunks=60; chunk-delay=100ms")) {
      AtomicBoolean first = new AtomicBoolean(true);
      long events = lines.filter(l -> {
        if (first.getAndSet(false)) {
          streaming.countDown();
        }
        return l.startsWith("data:");
      }).count();
      System.out.println("worker " + report + ": answer complete, " + events + " events");
    } catch (UncheckedIOException e) {
      System.out.println("worker " + report + ": stream ended early (" + e.getCause() + ")");
    }
  }

  private static void awaitWorkers(ExecutorService workers) {
    long start = System.nanoTime();
    workers.shutdown();
    try {
      workers.awaitTermination(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    System.out.println("shutdown hook: workers done "
        + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms after the exit began");
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
