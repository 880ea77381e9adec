package dev.llmcost.it.apps;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.ChatModel;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * {@link GracefulShutdownApp} over OkHttp and the official OpenAI SDK: a service whose shutdown
 * hook waits for its workers, two reading endless streams with plain OkHttp and two iterating
 * endless SDK streams, while one SDK async call waits for an answer that never comes. Prints
 * {@code ### streaming} once every stream is flowing, then exits by {@code System.exit} (mode
 * {@code exit}) or waits to be sent SIGTERM (mode {@code sigterm}).
 * Usage: {@code OkHttpGracefulShutdownApp <base-url> exit|sigterm}.
 */
public final class OkHttpGracefulShutdownApp {
  private static final int WORKERS = 4;
  private static final String ENDLESS = "endless; chunk-delay=20ms";

  public static void main(String[] args) throws Exception {
    String base = args[0];
    OkHttpClient okHttp = new OkHttpClient();
    OpenAIClient sdk = OpenAIOkHttpClient.builder().baseUrl(base + "/v1").apiKey("sk-test-sdk")
        .maxRetries(0).build();
    ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
    CountDownLatch flowing = new CountDownLatch(WORKERS);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      workers.shutdown();
      try {
        boolean done = workers.awaitTermination(60, TimeUnit.SECONDS);
        System.out.println("### hook: workers finished " + done);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));
    for (int i = 0; i < WORKERS; i++) {
      int id = i;
      workers.submit(id < 2 ? () -> okHttpStream(okHttp, base, id, flowing)
          : () -> sdkStream(sdk, id, flowing));
    }
    CompletableFuture<ChatCompletion> waiting = sdk.async().chat().completions().create(
        params("hang").build());
    flowing.await(20, TimeUnit.SECONDS);
    System.out.println("### streaming " + !waiting.isDone());
    if (args[1].equals("exit")) {
      System.exit(0);
    }
    Thread.sleep(120_000);
  }

  private static void okHttpStream(OkHttpClient client, String base, int id, CountDownLatch flowing) {
    String body = "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Write forever\"}]}";
    Request request = new Request.Builder().url(base + "/v1/chat/completions")
        .header("x-fake-behaviour", ENDLESS)
        .post(RequestBody.create(body, MediaType.get("application/json")))
        .build();
    int events = 0;
    try (Response response = client.newCall(request).execute()) {
      BufferedSource source = response.body().source();
      for (String line = source.readUtf8Line(); line != null; line = source.readUtf8Line()) {
        if (line.startsWith("data:") && ++events == 3) {
          flowing.countDown();
        }
      }
      System.out.println("### worker " + id + " stream ended");
    } catch (IOException | RuntimeException e) {
      System.out.println("### worker " + id + " stream failed");
    }
  }

  private static void sdkStream(OpenAIClient client, int id, CountDownLatch flowing) {
    AtomicInteger chunks = new AtomicInteger();
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
        params(ENDLESS).streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
            .build())) {
      stream.stream().forEach(chunk -> {
        if (chunks.incrementAndGet() == 3) {
          flowing.countDown();
        }
      });
      System.out.println("### worker " + id + " stream ended");
    } catch (RuntimeException e) {
      System.out.println("### worker " + id + " stream failed");
    }
  }

  private static ChatCompletionCreateParams.Builder params(String behaviour) {
    return ChatCompletionCreateParams.builder()
        .model(ChatModel.GPT_4O_MINI)
        .addUserMessage("Write forever")
        .putAdditionalHeader("x-fake-behaviour", behaviour);
  }
}
