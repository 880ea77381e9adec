package dev.llmcost.it.apps;

import java.io.IOException;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.async.methods.AbstractCharResponseConsumer;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.Message;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.entity.AbstractCharAsyncEntityConsumer;
import org.apache.hc.core5.http.nio.entity.AsyncEntityProducers;
import org.apache.hc.core5.http.nio.entity.StringAsyncEntityConsumer;
import org.apache.hc.core5.http.nio.support.AsyncRequestBuilder;
import org.apache.hc.core5.http.nio.support.BasicResponseConsumer;
import org.apache.hc.core5.io.CloseMode;

/**
 * Calls a provider with Apache HttpClient 5's async client the way hand-written integrations do
 * (futures, callbacks, its own streaming consumer) and prints {@code ### <scenario> <status>} then
 * what it received. Every line is the same with and without the agent.
 * Usage: {@code ApacheAsyncApp <base-url>}.
 */
public final class ApacheAsyncApp {
  private static String base;

  public static void main(String[] args) throws Exception {
    run(args[0]);
    System.out.println("### done");
  }

  static void run(String baseUrl) throws Exception {
    base = baseUrl;
    CloseableHttpAsyncClient client = HttpAsyncClients.custom().disableAutomaticRetries().build();
    try {
      client.start();
      printWhole("openai-json", client.execute(post("/v1/chat/completions", LlmBodies.openAi(false), null), null).get());
      builtRequest(client);
      viaCallback(client);
      streamFully(client);
      printWhole("anthropic-sse", client.execute(post("/v1/messages", LlmBodies.anthropic(true), null), null).get());
      cancelMidStream(client);
      printWhole("openai-429", client.execute(post("/v1/chat/completions", LlmBodies.openAi(false), "status=429; retry-after=0"), null).get());
      printWhole("anthropic-500", client.execute(post("/v1/messages", LlmBodies.anthropic(false), "status=500"), null).get());
      dropped(client);
      neverRead(client);
      ownEntityConsumer(client);
      printWhole("not-llm", client.execute(post("/v1/files", LlmBodies.notLlm(), null), null).get());
    } finally {
      client.close(CloseMode.IMMEDIATE); // a graceful close lingers for seconds
    }
  }

  private static SimpleHttpRequest post(String path, String json, String fakeBehaviour) {
    SimpleRequestBuilder builder = SimpleRequestBuilder.post(base + path)
        .addHeader("authorization", "Bearer sk-test-apache")
        .addHeader("x-api-key", "sk-ant-test-apache")
        .addHeader("anthropic-version", "2023-06-01")
        .setBody(json, ContentType.APPLICATION_JSON);
    if (fakeBehaviour != null) {
      builder.addHeader("x-fake-behaviour", fakeBehaviour);
    }
    return builder.build();
  }

  private static void printWhole(String name, SimpleHttpResponse response) {
    System.out.println("### " + name + " " + response.getCode());
    System.out.println(new String(response.getBodyBytes(), StandardCharsets.UTF_8));
  }

  /** httpcore's own request builder and entity producer, and a string consumer. */
  private static void builtRequest(CloseableHttpAsyncClient client) throws Exception {
    AsyncRequestProducer request = AsyncRequestBuilder.post(base + "/v1/chat/completions")
        .addHeader("authorization", "Bearer sk-test-apache")
        .setEntity(AsyncEntityProducers.create(LlmBodies.openAi("gpt-4.1-nano", false), ContentType.APPLICATION_JSON))
        .build();
    Message<HttpResponse, String> answer =
        client.execute(request, new BasicResponseConsumer<>(new StringAsyncEntityConsumer()), null).get();
    System.out.println("### openai-json-built " + answer.getHead().getCode());
    System.out.println(answer.getBody());
  }

  /** The result arrives in the application's callback; the future is never looked at. */
  private static void viaCallback(CloseableHttpAsyncClient client) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    SimpleHttpResponse[] received = new SimpleHttpResponse[1];
    client.execute(post("/v1/messages", LlmBodies.anthropic(false), null), new FutureCallback<>() {
      @Override
      public void completed(SimpleHttpResponse result) {
        received[0] = result;
        done.countDown();
      }

      @Override
      public void failed(Exception ex) {
        done.countDown();
      }

      @Override
      public void cancelled() {
        done.countDown();
      }
    });
    done.await(20, TimeUnit.SECONDS);
    printWhole("anthropic-json", received[0]);
  }

  /** The application's own consumer receives the stream as it arrives. */
  private static void streamFully(CloseableHttpAsyncClient client) throws Exception {
    EventCollector events = new EventCollector(Integer.MAX_VALUE, null);
    Future<Integer> status = client.execute(
        SimpleRequestProducer.create(post("/v1/chat/completions", LlmBodies.openAi(true), null)), events, null);
    System.out.println("### openai-sse " + status.get());
    events.events().forEach(System.out::println);
  }

  /** Two events into an endless stream, the application cancels the future. */
  private static void cancelMidStream(CloseableHttpAsyncClient client) throws Exception {
    CountDownLatch twoEvents = new CountDownLatch(1);
    EventCollector events = new EventCollector(2, twoEvents);
    Future<Integer> future = client.execute(SimpleRequestProducer.create(
        post("/v1/chat/completions", LlmBodies.openAi(true), "endless; chunk-delay=20ms")), events, null);
    twoEvents.await(20, TimeUnit.SECONDS);
    future.cancel(true);
    System.out.println("### openai-sse-cancelled " + future.isCancelled());
    events.events().forEach(System.out::println);
  }

  /** The provider resets the connection after three events. */
  private static void dropped(CloseableHttpAsyncClient client) throws InterruptedException {
    System.out.println("### openai-sse-dropped");
    try {
      client.execute(post("/v1/chat/completions", LlmBodies.openAi(true), "drop-after=3"), null).get();
      System.out.println("read to the end");
    } catch (ExecutionException e) {
      System.out.println("failed");
    }
  }

  /** Fired, finished, and dropped without anyone reading the result. */
  private static void neverRead(CloseableHttpAsyncClient client) throws InterruptedException {
    Future<SimpleHttpResponse> future = client.execute(post("/v1/chat/completions", LlmBodies.openAi(false), null), null);
    while (!future.isDone()) {
      Thread.sleep(5);
    }
    System.out.println("### openai-never-read " + future.isCancelled());
    future = null;
    System.gc();
  }

  /**
   * The library's response consumer around the application's own entity consumer, which reads
   * the stream as it comes; the future is never looked at, and dropped.
   */
  private static void ownEntityConsumer(CloseableHttpAsyncClient client) throws Exception {
    CountDownLatch ended = new CountDownLatch(1);
    StringBuilder received = new StringBuilder();
    client.execute(SimpleRequestProducer.create(post("/v1/chat/completions",
        LlmBodies.openAi("gpt-4.1-mini", true), null)), new BasicResponseConsumer<>(
            new AbstractCharAsyncEntityConsumer<Void>() {
              @Override
              protected void streamStart(ContentType contentType) {}

              @Override
              protected int capacityIncrement() {
                return Integer.MAX_VALUE;
              }

              @Override
              protected void data(CharBuffer src, boolean endOfStream) {
                received.append(src);
              }

              @Override
              protected Void generateContent() {
                ended.countDown();
                return null;
              }

              @Override
              public void releaseResources() {}
            }), null);
    ended.await(20, TimeUnit.SECONDS);
    System.out.println("### openai-sse-own-entity-consumer ends with "
        + received.toString().strip().substring(received.toString().strip().lastIndexOf('\n') + 1));
    System.gc(); // the future nobody looked at
    Thread.sleep(200);
  }

  /** An application's streaming consumer: keeps the first {@code keep} SSE data lines. */
  private static final class EventCollector extends AbstractCharResponseConsumer<Integer> {
    private final int keep;
    private final CountDownLatch kept;
    private final StringBuilder line = new StringBuilder();
    private final List<String> events = new ArrayList<>();
    private int status;

    EventCollector(int keep, CountDownLatch kept) {
      this.keep = keep;
      this.kept = kept;
    }

    synchronized List<String> events() {
      return new ArrayList<>(events);
    }

    @Override
    protected void start(HttpResponse response, ContentType contentType) {
      status = response.getCode();
    }

    @Override
    protected int capacityIncrement() {
      return Integer.MAX_VALUE;
    }

    @Override
    protected synchronized void data(CharBuffer src, boolean endOfStream) throws IOException {
      while (src.hasRemaining()) {
        char c = src.get();
        if (c != '\n') {
          line.append(c);
          continue;
        }
        if (line.indexOf("data:") == 0 && events.size() < keep) {
          events.add(line.toString());
          if (events.size() == keep && kept != null) {
            kept.countDown();
          }
        }
        line.setLength(0);
      }
    }

    @Override
    protected Integer buildResult() {
      return status;
    }

    @Override
    public void failed(Exception cause) {
      // the future reports it
    }

    @Override
    public void releaseResources() {
      // nothing held
    }
  }
}
