package dev.llmcost.it.apps;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The upfront-firing waste pattern with plain OkHttp: validate eight documents with one LLM call
 * each, enqueueing every call up front (each callback hands its response to a future), read the
 * first answer and return at the first failed validation. The other seven responses are never
 * read, and later collected, as a service going on with other work would.
 * Usage: {@code OkHttpUpfrontFiringApp <base-url>}.
 */
public final class OkHttpUpfrontFiringApp {
  private static final MediaType JSON = MediaType.get("application/json");
  private static OkHttpClient client;
  private static String base;

  public static void main(String[] args) throws Exception {
    client = new OkHttpClient();
    base = args[0];
    System.out.println("### valid " + validateAll(8));
    Thread.sleep(500); // the service goes on with other work while the answers arrive
    System.gc(); // the dropped responses become garbage, as they would in a running service
    Thread.sleep(1000);
    System.out.println("### done");
    client.dispatcher().executorService().shutdown(); // its threads would keep the JVM up a minute
  }

  static boolean validateAll(int documents) throws Exception {
    List<CompletableFuture<Response>> checks = new ArrayList<>();
    for (int i = 0; i < documents; i++) {
      CompletableFuture<Response> check = new CompletableFuture<>();
      client.newCall(request(i)).enqueue(new Callback() {
        @Override
        public void onResponse(Call call, Response response) {
          check.complete(response);
        }

        @Override
        public void onFailure(Call call, IOException e) {
          check.completeExceptionally(e);
        }
      });
      checks.add(check);
    }
    for (CompletableFuture<Response> check : checks) {
      try (Response response = check.get()) {
        if (!passes(response.body().string())) {
          return false; // early return: the other responses are never read
        }
      }
    }
    return true;
  }

  private static boolean passes(String answer) {
    return !answer.contains("chatcmpl"); // the first document already fails validation
  }

  private static Request request(int document) {
    String body = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Is document "
        + document + " valid?\"}]}";
    return new Request.Builder()
        .url(base + "/v1/chat/completions")
        .header("authorization", "Bearer sk-test-okhttp")
        .header("x-fake-behaviour", "input=2000; output=100")
        .post(RequestBody.create(body, JSON))
        .build();
  }
}
