package dev.llmcost.it.apps;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * One slow LLM call holds the only concurrency slot ({@code llmcost.guard.max_concurrent=1});
 * a second {@code send()} waits for it and its thread is interrupted, as an executor's
 * {@code shutdownNow()} would. Prints what the interrupted {@code send()} threw. Usage:
 * {@code InterruptedWaitApp <base-url>}.
 */
public final class InterruptedWaitApp {

  public static void main(String[] args) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    Thread holder = new Thread(() -> send(client, args[0], "header-delay=3000ms"));
    holder.start();
    Thread.sleep(500); // the slow call has the slot
    String[] thrown = new String[1];
    Thread waiter = new Thread(() -> thrown[0] = send(client, args[0], null));
    waiter.start();
    Thread.sleep(500); // waiting for the slot
    waiter.interrupt();
    waiter.join();
    System.out.println("interrupted send: " + thrown[0]);
    holder.join();
  }

  private static String send(HttpClient client, String base, String behaviour) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
        .timeout(Duration.ofSeconds(20))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
    if (behaviour != null) {
      request.header("x-fake-behaviour", behaviour);
    }
    try {
      return "answered " + client.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    } catch (Exception e) {
      return e.getClass().getName();
    }
  }
}
