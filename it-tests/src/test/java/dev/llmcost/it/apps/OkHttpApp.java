package dev.llmcost.it.apps;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.EventListener;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * Calls a provider with plain OkHttp (4.x or 5.x, whichever is on the class path) the way a
 * hand-written integration does, one scenario per method, and prints what each one got under a
 * {@code ### <scenario>} line; then exits while one last stream is still running. Each request asks the fake for its own token figures, so a test
 * can tell the calls apart by tokens as well as by the method that made them.
 * Usage: {@code OkHttpApp <base-url>}.
 */
public final class OkHttpApp {
  private static final MediaType JSON = MediaType.get("application/json");

  private final OkHttpClient client = new OkHttpClient();
  private final String base;

  private OkHttpApp(String base) {
    this.base = base;
  }

  public static void main(String[] args) throws IOException, InterruptedException {
    OkHttpApp app = new OkHttpApp(args[0]);
    app.syncJson();
    app.syncStream();
    app.jsonClosedUnread();
    app.enqueued();
    app.streamClosedEarly();
    app.cancelledMidStream();
    app.cancelledWhileWaiting();
    app.rateLimited();
    app.serverError();
    app.connectionDropped();
    System.out.println("### done");
    app.exitWhileStreaming();
  }

  void syncJson() throws IOException {
    System.out.println("### syncJson");
    try (Response response = client.newCall(openAi(false, "input=1000; output=200")).execute()) {
      System.out.println(response.code() + " " + response.body().contentType());
      System.out.println(response.body().string());
    }
  }

  void syncStream() throws IOException {
    System.out.println("### syncStream");
    try (Response response = client.newCall(openAi(true, "input=1100; output=210; chunks=4")).execute()) {
      System.out.println(response.code() + " " + response.body().contentType());
      BufferedSource source = response.body().source();
      for (String line = source.readUtf8Line(); line != null; line = source.readUtf8Line()) {
        System.out.println(line);
      }
    }
  }

  /** Looks at the status of a whole answer and closes it without reading its body. */
  void jsonClosedUnread() throws IOException {
    System.out.println("### jsonClosedUnread");
    try (Response response = client.newCall(openAi(false, "input=1250; output=225")).execute()) {
      System.out.println(response.code() + " closed unread");
    }
  }

  void enqueued() throws InterruptedException {
    System.out.println("### enqueued");
    CountDownLatch done = new CountDownLatch(1);
    client.newCall(openAi(false, "input=1200; output=220")).enqueue(new Callback() {
      @Override
      public void onResponse(Call call, Response response) throws IOException {
        try (response) {
          System.out.println(response.code() + " " + response.body().string());
        } finally {
          done.countDown();
        }
      }

      @Override
      public void onFailure(Call call, IOException e) {
        System.out.println("failed " + e.getClass().getName());
        done.countDown();
      }
    });
    if (!done.await(20, TimeUnit.SECONDS)) {
      System.out.println("no callback");
    }
  }

  /** Reads the Anthropic stream up to its first text delta, then closes it. */
  void streamClosedEarly() throws IOException {
    System.out.println("### streamClosedEarly");
    Response response = client.newCall(anthropic("input=1300; output=230; chunks=40; chunk-delay=25ms")).execute();
    BufferedSource source = response.body().source();
    for (String line = source.readUtf8Line(); line != null; line = source.readUtf8Line()) {
      System.out.println(line);
      if (line.startsWith("data: ") && line.contains("text_delta")) {
        break;
      }
    }
    response.close();
    System.out.println("closed");
  }

  /** Reads the first event, cancels the call, and sees the next read fail. */
  void cancelledMidStream() throws IOException {
    System.out.println("### cancelledMidStream");
    Call call = client.newCall(openAi(true, "input=1400; output=240; chunks=40; chunk-delay=25ms"));
    try (Response response = call.execute()) {
      BufferedSource source = response.body().source();
      System.out.println(source.readUtf8Line().startsWith("data: "));
      call.cancel();
      try {
        while (source.readUtf8Line() != null) {
          // whatever was already buffered
        }
        System.out.println("read to the end");
      } catch (IOException e) {
        System.out.println("cancelled: read failed");
      }
    }
  }

  /** Enqueues a call the provider answers late, and cancels it once the request was sent. */
  void cancelledWhileWaiting() throws InterruptedException {
    System.out.println("### cancelledWhileWaiting");
    CountDownLatch sent = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    OkHttpClient notified = client.newBuilder().eventListener(new EventListener() {
      @Override
      public void requestBodyEnd(Call call, long byteCount) {
        sent.countDown();
      }
    }).build();
    Call call = notified.newCall(openAi(false, "header-delay=5s"));
    call.enqueue(new Callback() {
      @Override
      public void onResponse(Call c, Response response) {
        response.close();
        System.out.println("answered");
        done.countDown();
      }

      @Override
      public void onFailure(Call c, IOException e) {
        System.out.println("failed, canceled " + c.isCanceled()); // the message varies by version
        done.countDown();
      }
    });
    sent.await(20, TimeUnit.SECONDS);
    Thread.sleep(300); // OkHttp flushes the request right after this event
    call.cancel();
    if (!done.await(20, TimeUnit.SECONDS)) {
      System.out.println("no callback");
    }
  }

  void rateLimited() throws IOException {
    System.out.println("### rateLimited");
    try (Response response = client.newCall(openAi(false, "status=429; retry-after=0")).execute()) {
      System.out.println(response.code() + " " + response.header("retry-after"));
      System.out.println(response.body().string());
    }
  }

  void serverError() throws IOException {
    System.out.println("### serverError");
    try (Response response = client.newCall(anthropic("status=500")).execute()) {
      System.out.println(response.code());
      System.out.println(response.body().string());
    }
  }

  void connectionDropped() {
    System.out.println("### connectionDropped");
    try (Response response = client.newCall(openAi(true, "input=1500; output=250; chunks=20; drop-after=3")).execute()) {
      BufferedSource source = response.body().source();
      while (source.readUtf8Line() != null) {
        // until the connection resets
      }
      System.out.println("read to the end");
    } catch (IOException e) {
      System.out.println("failed " + e.getClass().getName());
    }
  }

  /** Leaves the JVM with a stream still running, as a service shutting down does. */
  void exitWhileStreaming() throws IOException {
    Response response = client.newCall(openAi(true, "input=1600; output=260; endless")).execute();
    response.body().source().readUtf8Line();
    System.exit(0);
  }

  private Request openAi(boolean stream, String behaviour) {
    String body = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hi\"}]"
        + (stream ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" : "") + "}";
    return new Request.Builder()
        .url(base + "/v1/chat/completions")
        .header("authorization", "Bearer sk-test-okhttp")
        .header("x-fake-behaviour", behaviour)
        .post(RequestBody.create(body, JSON))
        .build();
  }

  private Request anthropic(String behaviour) {
    String body = "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":256,\"stream\":true,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a story\"}]}";
    return new Request.Builder()
        .url(base + "/v1/messages")
        .header("x-api-key", "sk-ant-test-okhttp")
        .header("anthropic-version", "2023-06-01")
        .header("x-fake-behaviour", behaviour)
        .post(RequestBody.create(body, JSON))
        .build();
  }
}
