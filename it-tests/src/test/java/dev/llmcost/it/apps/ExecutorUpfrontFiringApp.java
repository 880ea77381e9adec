package dev.llmcost.it.apps;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.ChatModel;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Upfront firing through a thread pool, the most common Java shape of it: one task per document
 * submitted up front, each making a synchronous LLM call and reading its answer, then the first
 * task's future read and an early return at the first failed validation. Seven futures are never
 * read. Beside it, tasks fired and forgotten on purpose (their futures never read, Runnables,
 * a Callable returning null, {@code execute}): their calls are used by the tasks themselves.
 * Usage: {@code ExecutorUpfrontFiringApp <base-url> jdk|okhttp|openai gc|exit [fixed|virtual|forkJoin|guava|invokeAll|supplyAsync|thenApply]}:
 * with {@code gc} the dropped futures are collected while the JVM runs; with {@code exit} the exit
 * finds them; {@code virtual} submits to a virtual-thread executor (JDK 21+) instead of a pool,
 * {@code forkJoin} to a {@code ForkJoinPool}, {@code guava} to Guava's
 * {@code ListeningExecutorService}, {@code invokeAll} hands the pool all checks at once,
 * {@code supplyAsync} hands the pool {@code CompletableFuture.supplyAsync} tasks instead, and
 * {@code thenApply} reads those through a timeout and a stage that transforms the answer.
 */
public final class ExecutorUpfrontFiringApp {
  private static String base;
  private static String transport;
  private static HttpClient jdkClient;
  private static OkHttpClient okHttpClient;
  private static OpenAIClient openAiClient;

  public static void main(String[] args) throws Exception {
    base = args[0];
    transport = args[1];
    switch (transport) {
      case "jdk" -> jdkClient = HttpClient.newHttpClient();
      case "okhttp" -> okHttpClient = new OkHttpClient();
      default -> openAiClient = OpenAIOkHttpClient.builder().baseUrl(base + "/v1")
          .apiKey("sk-test-sdk").maxRetries(0).build();
    }
    // A service up for a moment: the agent instruments CompletableFuture (loaded before it could
    // be instrumented as it loads) about 0.1 s after its HTTP clients, on a thread of its own.
    Thread.sleep(1500);
    ExecutorService pool = switch (args.length > 3 ? args[3] : "fixed") {
      // the app is built for Java 17: the JDK 21 method is looked up
      case "virtual" -> (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
      case "forkJoin" -> new ForkJoinPool(8);
      case "guava" -> GuavaPools.listening(8);
      default -> Executors.newFixedThreadPool(8);
    };
    String threads = args.length > 3 ? args[3] : "fixed";
    boolean supplyAsync = threads.equals("supplyAsync") || threads.equals("thenApply");
    // Stages are attached before a supplier runs: the agent follows a supplier's futures from
    // their creation once a supplier of that kind has made an LLM call, as a service's second
    // request would find. The first request here checks one document.
    if (threads.equals("thenApply")) {
      System.out.println("### first request, valid " + validateAll(pool, 1, "thenApplyFirst"));
    }
    System.out.println("### valid " + validateAll(pool, 8, threads));
    if (supplyAsync) {
      fireAndForgetAsync(pool);
    } else {
      fireAndForget(pool);
    }
    pool.shutdown();
    System.out.println("### pool done " + pool.awaitTermination(30, TimeUnit.SECONDS));
    if (args[2].equals("gc")) {
      System.out.println("### settled before exit " + SettledCalls.whileCollecting(threads.equals("thenApply") ? 15 : 14));
    }
    System.out.println("### done");
    if (okHttpClient != null) {
      okHttpClient.dispatcher().executorService().shutdown();
      okHttpClient.connectionPool().evictAll();
    }
    if (openAiClient != null) {
      openAiClient.close();
    }
  }

  static boolean validateAll(ExecutorService pool, int documents, String threads)
      throws Exception {
    List<Future<String>> checks = new ArrayList<>();
    if (threads.equals("invokeAll")) { // every task done before the first answer is looked at
      List<Callable<String>> tasks = new ArrayList<>();
      for (int i = 0; i < documents; i++) {
        int document = i;
        // staggered, so invokeAll itself waits on each with get (which must not count as a read)
        tasks.add(() -> {
          Thread.sleep(100L * document);
          return ask(document);
        });
      }
      checks.addAll(pool.invokeAll(tasks));
    }
    for (int i = 0; i < documents && !threads.equals("invokeAll"); i++) {
      int document = i;
      checks.add(switch (threads) {
        case "supplyAsync" -> CompletableFuture.supplyAsync(() -> ask(document), pool);
        case "thenApply", "thenApplyFirst" -> CompletableFuture.supplyAsync(() -> ask(document), pool)
            .orTimeout(30, TimeUnit.SECONDS).thenApply(String::strip);
        default -> pool.submit(() -> ask(document));
      });
    }
    for (Future<String> check : checks) {
      if (!passes(check.get())) {
        return false; // early return: the other answers are never read
      }
    }
    return true;
  }

  /** Work whose futures nobody means to read: the tasks use the answers themselves. */
  static void fireAndForget(ExecutorService pool) {
    for (int i = 0; i < 3; i++) {
      int document = 100 + i;
      pool.submit(() -> ask(document)); // a Callable, its future dropped at once
    }
    pool.submit(() -> {
      ask(200); // a Runnable
    });
    pool.execute(() -> ask(201));
    pool.submit(() -> {
      ask(202);
      return null; // nothing to read
    });
  }

  /** The same with {@code CompletableFuture}: futures dropped, an action attached, a Runnable. */
  static void fireAndForgetAsync(ExecutorService pool) {
    for (int i = 0; i < 3; i++) {
      int document = 100 + i;
      CompletableFuture.supplyAsync(() -> ask(document), pool);
    }
    CompletableFuture.supplyAsync(() -> ask(200), pool).thenAccept(answer -> { });
    CompletableFuture.supplyAsync(() -> ask(201), pool).whenComplete((answer, failure) -> { });
    CompletableFuture.runAsync(() -> ask(202), pool);
  }

  private static boolean passes(String answer) {
    return answer.isEmpty(); // the first document already fails validation
  }

  private static String body(String question) {
    return "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\""
        + question + "\"}]}";
  }

  static String ask(int document) {
    String question = "Is document " + document + " valid?";
    try {
      switch (transport) {
        case "jdk" -> {
          return jdkClient.send(HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
              .header("content-type", "application/json")
              .header("x-fake-behaviour", "input=2000; output=100")
              .POST(HttpRequest.BodyPublishers.ofString(body(question)))
              .build(), HttpResponse.BodyHandlers.ofString()).body();
        }
        case "okhttp" -> {
          try (Response response = okHttpClient.newCall(new Request.Builder()
              .url(base + "/v1/chat/completions")
              .header("x-fake-behaviour", "input=2000; output=100")
              .post(RequestBody.create(body(question),
                  MediaType.get("application/json")))
              .build()).execute()) {
            return response.body().string();
          }
        }
        default -> {
          return openAiClient.chat().completions().create(ChatCompletionCreateParams.builder()
              .model(ChatModel.GPT_4O_MINI)
              .addUserMessage(question)
              .putAdditionalHeader("x-fake-behaviour", "input=2000; output=100")
              .build()).id();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
