package dev.llmcost.it.apps;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Prints what an application is told when it gets a call wrong (a null body handler) or the
 * provider's port is closed, with the JDK HttpClient: the agent must not change a word of it.
 * Usage: {@code MisuseProbeApp <base-url>}.
 */
public final class MisuseProbeApp {

  public static void main(String[] args) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest request = chat(args[0]);
    try {
      client.send(request, null);
      System.out.println("send with a null handler: no exception");
    } catch (Exception e) {
      System.out.println("send with a null handler: " + e.getClass().getName());
    }
    try {
      client.sendAsync(request, null);
      System.out.println("sendAsync with a null handler: no exception");
    } catch (Exception e) {
      System.out.println("sendAsync with a null handler: " + e.getClass().getName());
    }
    String seen = client.sendAsync(chat("http://127.0.0.1:" + closedPort()), HttpResponse.BodyHandlers.ofString())
        .handle((response, failure) -> failure == null ? "an answer"
            : failure.getClass().getName() + " caused by "
                + (failure.getCause() == null ? "nothing" : failure.getCause().getClass().getName()))
        .get();
    System.out.println("sendAsync to a closed port, handle sees: " + seen);
  }

  private static HttpRequest chat(String base) {
    return HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
        .timeout(Duration.ofSeconds(10))
        .header("content-type", "application/json")
        .header("authorization", "Bearer sk-test-probe")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hi\"}]}"))
        .build();
  }

  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
