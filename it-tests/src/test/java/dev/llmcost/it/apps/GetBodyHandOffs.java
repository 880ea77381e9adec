package dev.llmcost.it.apps;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An executor for an {@code HttpClient} used only with {@code send}: runs the client's tasks on
 * daemon threads and counts the tasks that carry a body subscriber's {@code getBody()} call. The
 * JDK submits one straight from {@code ResponseSubscribers.getBodyAsync} only for a subscriber it
 * does not trust not to block; for its own subscribers ({@code ofString}, {@code ofInputStream},
 * ...) a {@code send} runs {@code getBody()} in place, or passes it through the client's
 * delegating executor when it is on the selector thread. So with the JDK's own handlers the count
 * is 0, and any wrapper that loses their trust shows here. The stack is read by JDK class and
 * method names (JDK 17 to 25).
 */
final class GetBodyHandOffs implements Executor {
  private final AtomicInteger count = new AtomicInteger();
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "app-http-executor");
    t.setDaemon(true);
    return t;
  });

  @Override
  public void execute(Runnable task) {
    boolean handOff = StackWalker.getInstance().walk(frames -> {
      boolean[] seen = new boolean[2]; // {delegating execute below getBodyAsync, hand-off}
      frames.forEach(f -> {
        if (f.getClassName().endsWith("HttpClientImpl$DelegatingExecutor")
            && f.getMethodName().equals("execute")) {
          seen[0] = true;
        }
        if (f.getClassName().equals("jdk.internal.net.http.ResponseSubscribers")
            && f.getMethodName().equals("getBodyAsync") && !seen[0]) {
          seen[1] = true;
        }
      });
      return seen[1];
    });
    if (handOff) {
      count.incrementAndGet();
    }
    pool.execute(task);
  }

  int count() {
    return count.get();
  }

  void shutdown() throws InterruptedException {
    pool.shutdown();
    pool.awaitTermination(5, TimeUnit.SECONDS);
  }
}
