package dev.llmcost.it.apps;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * Stops two long streams once it has read five events: one read as lines, one as an
 * InputStream. Usage: {@code StreamClosedEarlyApp <base-url>}.
 */
public final class StreamClosedEarlyApp {
  public static void main(String[] args) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    try (Stream<String> lines = client.send(request(args[0]), HttpResponse.BodyHandlers.ofLines()).body()) {
      Iterator<String> it = lines.iterator();
      int events = 0;
      while (it.hasNext() && events < 5) {
        events += it.next().startsWith("data:") ? 1 : 0;
      }
      System.out.println("### lines: stopped after " + events + " events");
    }
    try (InputStream in = client.send(request(args[0]), HttpResponse.BodyHandlers.ofInputStream()).body();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      int events = 0;
      String line;
      while (events < 5 && (line = reader.readLine()) != null) {
        events += line.startsWith("data:") ? 1 : 0;
      }
      System.out.println("### input stream: stopped after " + events + " events");
    }
    Thread.sleep(300);
  }

  private static HttpRequest request(String base) {
    String body = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"List a thousand names\"}],"
        + "\"stream\":true,\"stream_options\":{\"include_usage\":true}}";
    return HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
        .header("content-type", "application/json")
        .header("x-fake-behaviour", "chunks=400; chunk-delay=10ms; input=40; output=4000")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }
}
