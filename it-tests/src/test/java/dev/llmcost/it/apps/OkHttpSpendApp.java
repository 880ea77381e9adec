package dev.llmcost.it.apps;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * {@link LlmBurstApp}'s {@code sequential} spend with OkHttp: five {@code execute} calls (gpt-4o,
 * 1000 input and 200 output tokens: $0.0045 each), then one {@code enqueue}, printing how each ended.
 * Usage: {@code OkHttpSpendApp <provider-base-url>}.
 */
public final class OkHttpSpendApp {
  private static final MediaType JSON = MediaType.get("application/json");

  public static void main(String[] args) throws Exception {
    OkHttpClient client = new OkHttpClient();
    for (int i = 1; i <= 5; i++) {
      try (Response r = client.newCall(request(args[0])).execute()) {
        r.body().string();
        System.out.println("### call " + i + " " + r.code());
      } catch (IOException e) {
        System.out.println("### call " + i + " failed " + e.getClass().getName() + ": " + e.getMessage());
      }
    }
    CompletableFuture<String> enqueued = new CompletableFuture<>();
    client.newCall(request(args[0])).enqueue(new Callback() {
      @Override
      public void onFailure(Call call, IOException e) {
        enqueued.complete("failed " + e.getClass().getName() + " on the caller's thread: "
            + Thread.currentThread().getName().equals("main"));
      }

      @Override
      public void onResponse(Call call, Response response) {
        response.close();
        enqueued.complete(String.valueOf(response.code()));
      }
    });
    System.out.println("### enqueued " + enqueued.get());
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  private static Request request(String base) {
    return new Request.Builder().url(base + "/v1/chat/completions")
        .header("x-fake-behaviour", "input=1000; output=200")
        .post(RequestBody.create(LlmBodies.openAi("gpt-4o", false), JSON)).build();
  }
}
