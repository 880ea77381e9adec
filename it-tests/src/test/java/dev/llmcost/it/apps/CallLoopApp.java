package dev.llmcost.it.apps;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;

/**
 * Makes {@code calls} blocking chat calls one after another, then prints how long the loop took
 * ({@code loop_ms=}), the heap in use after a full GC ({@code heap_after_gc_kb=}) and the live
 * thread count ({@code threads=}), each on its own line after {@code calls=<n> ok=<n>}.
 * Usage: {@code CallLoopApp <base-url> <calls>}.
 */
public final class CallLoopApp {
  public static void main(String[] args) throws Exception {
    String base = args[0];
    int calls = Integer.parseInt(args[1]);
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(LlmBodies.openAi(false)))
        .build();
    int ok = 0;
    long start = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      if (client.send(request, BodyHandlers.ofString()).statusCode() == 200) {
        ok++;
      }
    }
    long loopMillis = (System.nanoTime() - start) / 1_000_000;
    System.out.println("calls=" + calls + " ok=" + ok);
    System.out.println("loop_ms=" + loopMillis);
    System.out.println("heap_after_gc_kb=" + heapAfterGcKb());
    System.out.println("threads=" + ManagementFactory.getThreadMXBean().getThreadCount());
  }

  static long heapAfterGcKb() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed() / 1024;
  }
}
