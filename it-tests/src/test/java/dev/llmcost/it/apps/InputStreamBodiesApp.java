package dev.llmcost.it.apps;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.stream.Stream;

/**
 * Uses InputStream bodies ({@code ofInputStream}, {@code ofLines}) every way an application can,
 * one model per way: closes whole answers unread (one small, one padded past what the client
 * buffers unread), drops them unread once they arrived, reads them, and closes a slow stream
 * unread. Then other work, with collections. The reads come after the drops: the JDK's pooled
 * connection holds its last exchange's response until it serves another request. Usage: {@code InputStreamBodiesApp <base-url>}.
 */
public final class InputStreamBodiesApp {
  private static final String SLOW_STREAM = "chunks=100; chunk-delay=20ms";

  public static void main(String[] args) throws Exception {
    String base = args[0];
    HttpClient client = HttpClient.newHttpClient();

    // one answer read first: the closes below then meet no JVM still loading what they need
    try (InputStream in =
        client.send(answer(base, "o4-mini", null), BodyHandlers.ofInputStream()).body()) {
      System.out.println("### warmed up " + (in.readAllBytes().length > 0));
    }
    client.send(answer(base, "gpt-4o-mini", null), BodyHandlers.ofInputStream()).body().close();
    client.send(answer(base, "gpt-4o", "pad=60KB"), BodyHandlers.ofInputStream()).body().close();
    System.out.println("### closed unread");

    dropUnread(client.send(answer(base, "gpt-4.1-mini", null), BodyHandlers.ofInputStream()));
    dropUnread(client.send(answer(base, "gpt-4.1", null), BodyHandlers.ofLines()));
    System.out.println("### dropped unread");

    try (InputStream in =
        client.send(answer(base, "gpt-4.1-nano", null), BodyHandlers.ofInputStream()).body()) {
      System.out.println("### read " + (in.readAllBytes().length > 0));
    }
    try (Stream<String> lines =
        client.send(answer(base, "gpt-5-mini", null), BodyHandlers.ofLines()).body()) {
      System.out.println("### lines " + (lines.count() > 0));
    }

    client.send(stream(base, "gpt-5-nano"), BodyHandlers.ofInputStream()).body().close();
    System.out.println("### stream closed unread");

    for (int i = 0; i < 10; i++) { // other work; the collector runs now and then
      System.gc();
      Thread.sleep(100);
    }
    System.out.println("### done");
  }

  /** Keeps nothing of the response: it becomes garbage unread. */
  private static void dropUnread(HttpResponse<?> response) {
    System.out.println("### status " + response.statusCode());
  }

  private static HttpRequest answer(String base, String model, String behaviour) {
    return request(base, "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
        behaviour);
  }

  private static HttpRequest stream(String base, String model) {
    return request(base, "{\"model\":\"" + model + "\",\"stream\":true,"
        + "\"stream_options\":{\"include_usage\":true},"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"A long story\"}]}", SLOW_STREAM);
  }

  private static HttpRequest request(String base, String body, String behaviour) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (behaviour != null) {
      b.header("x-fake-behaviour", behaviour);
    }
    return b.build();
  }
}
