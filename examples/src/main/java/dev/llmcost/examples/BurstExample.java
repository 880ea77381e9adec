package dev.llmcost.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * Twenty summaries requested at once. {@code burst} sends them all together, which is how rate
 * limits (and paid retries) happen; {@code semaphore} is the usual fix written by hand, at most
 * four in flight. Running {@code burst} with {@code -Dllmcost.guard.max_concurrent=4} gets the
 * same from the agent, without the code.
 */
final class BurstExample {
  private static final int CALLS = 20;
  private static final int PERMITS = 4;
  private static final String SLOW = "header-delay=200ms";

  private BurstExample() {}

  static void burst(LlmClient client) {
    List<CompletableFuture<String>> all = new ArrayList<>();
    for (int i = 0; i < CALLS; i++) {
      all.add(client.chatAsync("gpt-4o-mini", "Summarise ticket " + i, SLOW));
    }
    all.forEach(CompletableFuture::join);
    System.out.println(CALLS + " summaries, sent all at once");
  }

  static void semaphore(LlmClient client) {
    Semaphore permits = new Semaphore(PERMITS, true);
    List<CompletableFuture<String>> all = new ArrayList<>();
    for (int i = 0; i < CALLS; i++) {
      permits.acquireUninterruptibly();
      all.add(client.chatAsync("gpt-4o-mini", "Summarise ticket " + i, SLOW)
          .whenComplete((answer, failure) -> permits.release()));
    }
    all.forEach(CompletableFuture::join);
    System.out.println(CALLS + " summaries, at most " + PERMITS + " in flight (a semaphore in the code)");
  }
}
