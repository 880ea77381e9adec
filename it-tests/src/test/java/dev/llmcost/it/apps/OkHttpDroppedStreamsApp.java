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
import okio.BufferedSource;

/**
 * {@link DroppedStreamsApp} with OkHttp: enqueues four long streams (each callback hands its
 * response to a future), reads the first to its end and drops the other three responses unread:
 * those streams go on generating for nobody. Then the service goes on with other work.
 * Usage: {@code OkHttpDroppedStreamsApp <base-url>}.
 */
public final class OkHttpDroppedStreamsApp {
  public static void main(String[] args) throws Exception {
    OkHttpClient client = new OkHttpClient();
    List<CompletableFuture<Response>> streams = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      CompletableFuture<Response> stream = new CompletableFuture<>();
      client.newCall(request(args[0])).enqueue(new Callback() {
        @Override
        public void onResponse(Call call, Response response) {
          stream.complete(response);
        }

        @Override
        public void onFailure(Call call, IOException e) {
          stream.completeExceptionally(e);
        }
      });
      streams.add(stream);
    }
    CompletableFuture.allOf(streams.toArray(new CompletableFuture<?>[0])).get();
    int events = 0;
    try (Response first = streams.get(0).join()) {
      BufferedSource source = first.body().source();
      for (String line = source.readUtf8Line(); line != null; line = source.readUtf8Line()) {
        events += line.startsWith("data:") ? 1 : 0;
      }
    }
    System.out.println("### first stream: " + events + " events");
    streams = null;
    for (int i = 0; i < 20; i++) { // other work; the collector runs now and then
      System.gc();
      Thread.sleep(100);
    }
    // nanoTime is the machine's monotonic clock on Linux: the test compares it with the provider's.
    System.out.println("### other work done at " + System.nanoTime());
    client.dispatcher().executorService().shutdown(); // its threads would keep the JVM up a minute
  }

  private static Request request(String base) {
    return new Request.Builder()
        .url(base + "/v1/chat/completions")
        .header("x-fake-behaviour", "chunks=60; chunk-delay=40ms; input=30; output=3000")
        .post(RequestBody.create("{\"model\":\"gpt-4o-mini\",\"stream\":true,"
            + "\"stream_options\":{\"include_usage\":true},"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"A long story\"}]}",
            MediaType.get("application/json")))
        .build();
  }
}
