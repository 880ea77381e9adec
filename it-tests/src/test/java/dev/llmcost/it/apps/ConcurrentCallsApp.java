package dev.llmcost.it.apps;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fires {@code calls} chat calls with {@code sendAsync} without waiting for any, at most
 * {@code concurrency} on the wire at once (each HTTP/1.1 call is a connection, and a loopback
 * server's accept queue holds a few hundred), then waits for every answer and prints
 * {@code ok=<n> distinct_ids=<n> peak_in_flight=<n>}, then, when the agent is there,
 * {@code in_flight=<n>}: the size of its in-flight registry once every result was read.
 * Usage: {@code ConcurrentCallsApp <base-url> <calls> <concurrency>}.
 */
public final class ConcurrentCallsApp {
  private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

  public static void main(String[] args) throws Exception {
    String base = args[0];
    int calls = Integer.parseInt(args[1]);
    Semaphore wire = new Semaphore(Integer.parseInt(args[2]));
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(LlmBodies.openAi(false)))
        .build();
    List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>(calls);
    for (int i = 0; i < calls; i++) {
      wire.acquire();
      peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      futures.add(client.sendAsync(request, BodyHandlers.ofString()).whenComplete((r, t) -> {
        inFlight.decrementAndGet();
        wire.release();
      }));
    }
    int ok = 0;
    Set<String> ids = new HashSet<>();
    for (CompletableFuture<HttpResponse<String>> f : futures) {
      HttpResponse<String> response = f.join();
      if (response.statusCode() == 200) {
        ok++;
      }
      Matcher m = ID.matcher(response.body());
      if (m.find()) {
        ids.add(m.group(1));
      }
    }
    System.out.println("ok=" + ok + " distinct_ids=" + ids.size() + " peak_in_flight=" + peak.get());
    System.out.println(inFlight());
  }

  /** The agent's registry sits on the boot class path: reached by name, it needs nothing on ours. */
  static String inFlight() throws Exception {
    Class<?> registry;
    try {
      registry = Class.forName("dev.llmcost.bootstrap.InFlightCalls", true, null);
    } catch (ClassNotFoundException noAgent) {
      return "in_flight=absent";
    }
    Object size = null;
    for (int i = 0; i < 100; i++) { // calls settle just after the app has read them
      size = registry.getMethod("size").invoke(null);
      if (((Integer) size) == 0) {
        break;
      }
      Thread.sleep(50);
    }
    return "in_flight=" + size;
  }
}
