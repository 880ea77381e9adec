package dev.llmcost.it.apps;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * LLM calls from virtual threads (JDK 21+), as a service with virtual threads turned on makes
 * them: {@code calls} tasks, each on a virtual thread of its own, send one chat call each, with
 * the JDK HttpClient, {@code HttpURLConnection} and OkHttp in turn; then one virtual thread fires
 * eight calls up front and returns after reading the first. Prints {@code ### ok=<n>
 * virtual=<true|false>} (every task ran on a virtual thread and got a 200) and
 * {@code ### valid false}. Usage: {@code VirtualThreadsApp <base-url> <calls>}; compiled for
 * JDK 17, so the JDK 21 methods are looked up by name.
 */
public final class VirtualThreadsApp {
  private static final MediaType JSON = MediaType.get("application/json");
  /** Billed tokens, and a short wait so that the calls overlap. */
  private static final String BEHAVIOUR = "input=2000; output=100; header-delay=20ms";
  private static String base;
  private static final HttpClient jdkClient =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final OkHttpClient okHttp = new OkHttpClient();

  public static void main(String[] args) throws Exception {
    base = args[0];
    int calls = Integer.parseInt(args[1]);
    ExecutorService virtualThreads = (ExecutorService) Executors.class
        .getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    List<Future<Boolean>> results = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      int transport = i % 3;
      results.add(virtualThreads.submit(() -> onVirtualThread(() -> switch (transport) {
        case 0 -> viaJdkHttpClient();
        case 1 -> viaUrlConnection();
        default -> viaOkHttp();
      })));
    }
    boolean allVirtual = true;
    for (Future<Boolean> result : results) {
      allVirtual &= result.get(); // throws unless the call got a 200
    }
    System.out.println("### ok=" + results.size() + " virtual=" + allVirtual);
    boolean valid = virtualThreads.submit(VirtualThreadsApp::validateAllUpFront).get();
    System.out.println("### valid " + valid);
    virtualThreads.shutdown();
    virtualThreads.awaitTermination(30, TimeUnit.SECONDS);
    Thread.sleep(1000); // the service goes on with other work
  }

  /** Runs a call on this thread; true when this is a virtual thread. Fails unless it got a 200. */
  private static boolean onVirtualThread(Callable<Integer> call) throws Exception {
    int status = call.call();
    if (status != 200) {
      throw new IllegalStateException("status " + status);
    }
    return (Boolean) Thread.class.getMethod("isVirtual").invoke(Thread.currentThread());
  }

  private static int viaJdkHttpClient() throws Exception {
    HttpResponse<String> response = jdkClient.send(jdkRequest(0), HttpResponse.BodyHandlers.ofString());
    return response.statusCode();
  }

  private static int viaUrlConnection() throws Exception {
    HttpURLConnection c = (HttpURLConnection) URI.create(base + "/v1/chat/completions").toURL()
        .openConnection();
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    c.setRequestProperty("content-type", "application/json");
    c.setRequestProperty("x-fake-behaviour", BEHAVIOUR);
    try (OutputStream out = c.getOutputStream()) {
      out.write(body(0).getBytes(StandardCharsets.UTF_8));
    }
    try (InputStream in = c.getInputStream()) {
      in.readAllBytes();
    }
    return c.getResponseCode();
  }

  private static int viaOkHttp() throws Exception {
    Request request = new Request.Builder().url(base + "/v1/chat/completions")
        .header("x-fake-behaviour", BEHAVIOUR)
        .post(RequestBody.create(body(0), JSON)).build();
    try (Response response = okHttp.newCall(request).execute()) {
      response.body().string();
      return response.code();
    }
  }

  /** The waste pattern, on a virtual thread: every request created first, an early return. */
  private static boolean validateAllUpFront() {
    List<CompletableFuture<HttpResponse<String>>> checks = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      checks.add(jdkClient.sendAsync(jdkRequest(i), HttpResponse.BodyHandlers.ofString()));
    }
    for (CompletableFuture<HttpResponse<String>> check : checks) {
      if (check.join().statusCode() == 200) {
        return false; // the first document already fails validation: the others are still billed
      }
    }
    return true;
  }

  private static HttpRequest jdkRequest(int document) {
    return HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
        .header("content-type", "application/json")
        .header("x-fake-behaviour", BEHAVIOUR)
        .POST(HttpRequest.BodyPublishers.ofString(body(document)))
        .build();
  }

  private static String body(int document) {
    return "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Is document "
        + document + " valid?\"}]}";
  }
}
