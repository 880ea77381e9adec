package dev.llmcost.it.apps;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Measures what many calls leave behind: after a warm-up, the heap in use after a full GC and the
 * live threads; then {@code nonLlm} plain HTTP calls (GET and POST to non-LLM paths) and
 * {@code llm} LLM calls (blocking, async in batches of 50, streamed; each with a prompt of its own,
 * so no two are duplicates); then the same figures again. Prints
 * {@code heap_before_kb= heap_after_kb= threads_before= threads_after= llm_ok= non_llm_done=}.
 * Usage: {@code HeapAndThreadsApp <base-url> <nonLlm> <llm>}.
 */
public final class HeapAndThreadsApp {
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String base;

  private HeapAndThreadsApp(String base) {
    this.base = base;
  }

  public static void main(String[] args) throws Exception {
    HeapAndThreadsApp app = new HeapAndThreadsApp(args[0]);
    long nonLlm = Long.parseLong(args[1]);
    long llm = Long.parseLong(args[2]);
    app.nonLlm(500);
    app.llm(500);
    long heapBefore = CallLoopApp.heapAfterGcKb();
    int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
    long done = app.nonLlm(nonLlm);
    long ok = app.llm(llm);
    long heapAfter = CallLoopApp.heapAfterGcKb();
    int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
    System.out.println("heap_before_kb=" + heapBefore + " heap_after_kb=" + heapAfter
        + " threads_before=" + threadsBefore + " threads_after=" + threadsAfter
        + " llm_ok=" + ok + " non_llm_done=" + done);
  }

  private long nonLlm(long calls) throws Exception {
    HttpRequest get = HttpRequest.newBuilder(URI.create(base + "/v1/models")).GET().build();
    HttpRequest post = HttpRequest.newBuilder(URI.create(base + "/v1/files"))
        .POST(HttpRequest.BodyPublishers.ofString(LlmBodies.notLlm())).build();
    long done = 0;
    for (long i = 0; i < calls; i++) {
      client.send(i % 2 == 0 ? get : post, BodyHandlers.discarding());
      done++;
    }
    return done;
  }

  private long llm(long calls) throws Exception {
    long ok = 0;
    List<CompletableFuture<Integer>> batch = new ArrayList<>();
    for (long i = 0; i < calls; i++) {
      HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
          .header("content-type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\","
              + "\"content\":\"Question number " + i + "\"}]" + (i % 5 == 0 ? ",\"stream\":true" : "") + "}"))
          .build();
      if (i % 2 == 0) {
        ok += client.send(request, BodyHandlers.ofString()).statusCode() == 200 ? 1 : 0;
      } else {
        batch.add(client.sendAsync(request, BodyHandlers.ofString()).thenApply(r -> r.statusCode()));
        if (batch.size() == 50) {
          ok += batch.stream().filter(f -> f.join() == 200).count();
          batch.clear();
        }
      }
    }
    ok += batch.stream().filter(f -> f.join() == 200).count();
    return ok;
  }
}
