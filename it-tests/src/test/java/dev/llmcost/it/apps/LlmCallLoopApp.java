package dev.llmcost.it.apps;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * A service that keeps calling an LLM with the JDK HttpClient, one call at a time: a blocking chat
 * ({@code send(ofString)}), then a streamed one ({@code sendAsync(ofLines)}, read to the end), and
 * again, every 20 ms. A line {@code stop} on standard input ends the loop after the current call; the app then
 * prints how many calls it made and exits. For runtime attach: start it without the agent, attach
 * while it runs. Usage: {@code LlmCallLoopApp <openai-base-url>}.
 */
public final class LlmCallLoopApp {

  public static void main(String[] args) throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    Thread stdin = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          if (line.trim().equals("stop")) {
            break;
          }
        }
      } catch (Exception ignored) {
        // the end of standard input stops the loop as well
      }
      stop.set(true);
    }, "stdin");
    stdin.setDaemon(true);
    stdin.start();

    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    int calls = 0;
    int failures = 0;
    while (!stop.get()) {
      boolean stream = calls % 2 == 1;
      HttpRequest request = HttpRequest.newBuilder(URI.create(args[0] + "/chat/completions"))
          .timeout(Duration.ofSeconds(10))
          .header("content-type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o-mini\""
              + (stream ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" : "")
              + ",\"messages\":[{\"role\":\"user\",\"content\":\"Say hi\"}]}"))
          .build();
      int status;
      if (stream) {
        HttpResponse<Stream<String>> response =
            client.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).join();
        try (Stream<String> lines = response.body()) {
          lines.forEach(line -> { });
        }
        status = response.statusCode();
      } else {
        status = client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
      }
      calls++;
      if (status != 200) {
        failures++;
      }
      if (calls == 1) {
        System.out.println("calling");
        System.out.flush();
      }
      Thread.sleep(20); // a service's pace, not a tight loop
    }
    System.out.println("stopped after " + calls + " calls, " + failures + " failed");
  }
}
