package dev.llmcost.it.apps;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;

/**
 * Calls a provider with Apache HttpClient 5's classic client the way hand-written integrations do,
 * and prints what it received: {@code ### <scenario> <status>} then the body (or what the scenario
 * read of it). Every line is the same with and without the agent.
 * Usage: {@code ApacheClassicApp <base-url>}.
 */
public final class ApacheClassicApp {
  private static String base;

  public static void main(String[] args) throws Exception {
    run(args[0]);
    System.out.println("### done");
  }

  static void run(String baseUrl) throws Exception {
    base = baseUrl;
    try (CloseableHttpClient client = HttpClients.custom().disableAutomaticRetries().build()) {
      // execute(request, handler): the handler reads the body; the client closes the response.
      HttpPost chat = post("/v1/chat/completions", LlmBodies.openAi(false), null);
      String json = client.execute(chat, r -> "### openai-json " + r.getCode() + "\n" + EntityUtils.toString(r.getEntity()));
      System.out.println(json);

      printWhole(client, "anthropic-json", post("/v1/messages", LlmBodies.anthropic(false), null));
      printWhole(client, "openai-sse", post("/v1/chat/completions", LlmBodies.openAi(true), null));
      printWhole(client, "anthropic-sse", post("/v1/messages", LlmBodies.anthropic(true), null));
      closeEarly(client);
      cancelMidStream(client);
      printWhole(client, "openai-429", post("/v1/chat/completions", LlmBodies.openAi(false), "status=429; retry-after=0"));
      printWhole(client, "anthropic-500", post("/v1/messages", LlmBodies.anthropic(false), "status=500"));
      dropped(client);
      closedUnread(client);
      statusOnly(client);
      for (int i = 0; i < 5; i++) {
        System.gc(); // the response statusOnly let go of, and its entity with it
        Thread.sleep(100);
      }
      printWhole(client, "not-llm", post("/v1/files", LlmBodies.notLlm(), null));
    }
  }

  private static HttpPost post(String path, String json, String fakeBehaviour) {
    HttpPost post = new HttpPost(base + path);
    post.setHeader("authorization", "Bearer sk-test-apache");
    post.setHeader("x-api-key", "sk-ant-test-apache");
    post.setHeader("anthropic-version", "2023-06-01");
    if (fakeBehaviour != null) {
      post.setHeader("x-fake-behaviour", fakeBehaviour);
    }
    post.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON));
    return post;
  }

  /** execute(request), the status looked at, the response closed with its body unread. */
  private static void closedUnread(CloseableHttpClient client) throws IOException {
    try (CloseableHttpResponse response =
        client.execute(post("/v1/chat/completions", LlmBodies.openAi(false), null))) {
      System.out.println("### openai-json-closed-unread " + response.getCode());
    }
  }

  /** execute(request), the status looked at, the response neither read nor closed, and let go. */
  @SuppressWarnings("deprecation")
  private static void statusOnly(CloseableHttpClient client) throws IOException {
    CloseableHttpResponse response =
        client.execute(post("/v1/chat/completions", LlmBodies.openAi("gpt-4.1-mini", false), null));
    System.out.println("### openai-json-status-only " + response.getCode());
  }

  /** execute(request): the application reads the stream to its end, then closes the response. */
  @SuppressWarnings("deprecation")
  private static void printWhole(CloseableHttpClient client, String name, HttpPost post) throws IOException {
    try (CloseableHttpResponse response = client.execute(post)) {
      System.out.println("### " + name + " " + response.getCode());
      try (InputStream in = response.getEntity().getContent()) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        in.transferTo(body);
        System.out.println(body.toString(StandardCharsets.UTF_8));
      }
    }
  }

  /**
   * Reads three events of a slower, longer stream, then closes it. The client drains the rest on
   * close, so the stream must end; its half second leaves the application time to close first.
   */
  @SuppressWarnings("deprecation")
  private static void closeEarly(CloseableHttpClient client) throws IOException {
    try (CloseableHttpResponse response = client.execute(
        post("/v1/chat/completions", LlmBodies.openAi(true), "chunks=50; chunk-delay=10ms"))) {
      System.out.println("### openai-sse-closed-early " + response.getCode());
      BufferedReader reader = new BufferedReader(
          new InputStreamReader(response.getEntity().getContent(), StandardCharsets.UTF_8));
      printEvents(reader, 3);
      reader.close();
    }
  }

  /** Reads two events of an endless stream, then aborts the request. */
  @SuppressWarnings("deprecation")
  private static void cancelMidStream(CloseableHttpClient client) throws IOException {
    HttpPost post = post("/v1/chat/completions", LlmBodies.openAi(true), "endless; chunk-delay=20ms");
    CloseableHttpResponse response = client.execute(post);
    System.out.println("### openai-sse-cancelled " + response.getCode());
    BufferedReader reader = new BufferedReader(
        new InputStreamReader(response.getEntity().getContent(), StandardCharsets.UTF_8));
    printEvents(reader, 2);
    post.cancel();
    try {
      response.close();
    } catch (IOException expected) {
      // the connection is gone: nothing to drain
    }
    System.out.println("cancelled");
  }

  /** The provider resets the connection after three events (the reset may overtake them). */
  @SuppressWarnings("deprecation")
  private static void dropped(CloseableHttpClient client) {
    System.out.println("### openai-sse-dropped");
    try (CloseableHttpResponse response = client.execute(
        post("/v1/chat/completions", LlmBodies.openAi(true), "drop-after=3"))) {
      EntityUtils.toString(response.getEntity());
      System.out.println("read to the end");
    } catch (Exception e) {
      System.out.println("failed");
    }
  }

  private static void printEvents(BufferedReader reader, int events) throws IOException {
    int seen = 0;
    String line;
    while (seen < events && (line = reader.readLine()) != null) {
      if (line.startsWith("data:")) {
        System.out.println(line);
        seen++;
      }
    }
  }
}
