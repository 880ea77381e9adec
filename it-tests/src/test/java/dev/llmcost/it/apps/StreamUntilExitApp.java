package dev.llmcost.it.apps;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Opens a streaming chat completion, reads its first event, prints {@code streaming}, then leaves
 * with the stream still open: {@code exit} calls System.exit, {@code wait} blocks until the JVM is
 * terminated from outside. Usage: {@code StreamUntilExitApp <base-url> exit|wait}.
 */
public final class StreamUntilExitApp {

  public static void main(String[] args) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(args[0] + "/v1/chat/completions"))
        .timeout(Duration.ofSeconds(30))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"go on\"}]}"))
        .build();
    HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    String first = reader.readLine();
    System.out.println("streaming " + response.statusCode() + " " + (first != null && first.startsWith("data: ")));
    System.out.flush();
    if ("exit".equals(args[1])) {
      System.exit(0);
    }
    Thread.sleep(60_000);
  }
}
