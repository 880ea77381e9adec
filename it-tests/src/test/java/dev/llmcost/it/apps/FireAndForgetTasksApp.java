package dev.llmcost.it.apps;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Pool tasks whose futures the application keeps but never reads (a fire-and-forget kind), beside
 * a kind it does read (one read, one kept unread). Nothing is collected while it runs: the futures
 * stay reachable. Prints how many calls the agent's run report (its MXBean) counted settled while
 * the futures were held. Usage: {@code FireAndForgetTasksApp <base-url>}.
 */
public final class FireAndForgetTasksApp {
  private static final List<Future<String>> HELD = new ArrayList<>();
  private static HttpClient client;
  private static String base;

  public static void main(String[] args) throws Exception {
    base = args[0];
    client = HttpClient.newHttpClient();
    Thread.sleep(1500); // the agent instruments the pool's task classes once it is ready
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<String>> checks = new ArrayList<>();
    for (int i = 1; i <= 2; i++) {
      int check = i;
      checks.add(pool.submit(() -> ask("check " + check))); // one lambda, one kind
    }
    System.out.println("### read " + checks.get(0).get().length());
    HELD.add(checks.get(1)); // of a kind that is read: kept, never read
    for (int i = 0; i < 3; i++) {
      int note = i;
      HELD.add(pool.submit(() -> ask("note " + note))); // the task uses its answer; nobody reads the future
    }
    for (Future<String> f : HELD) {
      while (!f.isDone()) {
        Thread.sleep(10);
      }
    }
    System.out.println("### settled while held " + SettledCalls.within(4, 15_000));
    Thread.sleep(3000); // the read kind's unread future is not decided by waiting
    System.out.println("### settled later " + SettledCalls.within(4, 0) + " held " + HELD.size());
    pool.shutdown();
  }

  private static String ask(String question) throws Exception {
    String body = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\""
        + question + "\"}]}";
    return client.send(HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }
}
