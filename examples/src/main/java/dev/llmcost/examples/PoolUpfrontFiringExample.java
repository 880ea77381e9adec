package dev.llmcost.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The same waste with a thread pool, its most common Java shape: each check is a task that makes
 * a plain blocking call and reads its answer, every task submitted up front, and the method
 * returns at the first failure. Each task read its own answer, yet the application never reads
 * five of the tasks' futures: the agent reports those five calls abandoned, with their cost, and
 * names the line that submitted them.
 */
final class PoolUpfrontFiringExample {
  private PoolUpfrontFiringExample() {}

  static void run(LlmClient client) {
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      System.out.println("all documents valid: " + validate(client, pool, 6));
    } catch (InterruptedException | ExecutionException e) {
      System.out.println("validation failed: " + e);
    } finally {
      pool.shutdown();
    }
  }

  static boolean validate(LlmClient client, ExecutorService pool, int documents)
      throws InterruptedException, ExecutionException {
    List<Future<String>> checks = new ArrayList<>();
    for (int i = 0; i < documents; i++) {
      int clause = i;
      checks.add(pool.submit(
          () -> client.chat("gpt-4o", "Is clause " + clause + " of this contract compliant?")));
    }
    for (Future<String> check : checks) {
      if (!check.get().contains("yes")) { // the fake's answers never say yes
        return false;
      }
    }
    return true;
  }
}
