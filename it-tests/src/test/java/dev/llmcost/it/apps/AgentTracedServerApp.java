package dev.llmcost.it.apps;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A service with no tracing code at all, meant to run under the OpenTelemetry Java agent (which
 * traces its {@code com.sun.net.httpserver} server and its HTTP clients): serving {@code GET /quote}
 * makes three LLM calls, JDK HttpClient {@code send} and {@code sendAsync}, and OkHttp
 * {@code execute}. The app calls itself once, then exits.
 * Usage: {@code AgentTracedServerApp <provider-base-url>}.
 */
public final class AgentTracedServerApp {
  private static final MediaType JSON = MediaType.get("application/json");

  private final HttpClient jdkClient = HttpClient.newHttpClient();
  private final OkHttpClient okHttp = new OkHttpClient();
  private final String provider;

  private AgentTracedServerApp(String provider) {
    this.provider = provider;
  }

  public static void main(String[] args) throws Exception {
    AgentTracedServerApp app = new AgentTracedServerApp(args[0]);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/quote", app::quote);
    server.start();
    try {
      HttpResponse<String> answer = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/quote"))
              .GET().build(),
          HttpResponse.BodyHandlers.ofString());
      System.out.println("### served " + answer.statusCode() + " " + answer.body());
    } finally {
      server.stop(0);
    }
  }

  private void quote(HttpExchange exchange) throws IOException {
    try {
      int sent = jdkClient.send(jdkRequest(), HttpResponse.BodyHandlers.ofString()).statusCode();
      int async = jdkClient.sendAsync(jdkRequest(), HttpResponse.BodyHandlers.ofString()).join().statusCode();
      int ok;
      try (Response r = okHttp.newCall(new Request.Builder().url(provider + "/v1/chat/completions")
          .post(RequestBody.create(LlmBodies.openAi("gpt-4o", false), JSON)).build()).execute()) {
        r.body().string();
        ok = r.code();
      }
      byte[] body = (sent + " " + async + " " + ok).getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.sendResponseHeaders(500, -1);
    } finally {
      exchange.close();
    }
  }

  private HttpRequest jdkRequest() {
    return HttpRequest.newBuilder(URI.create(provider + "/v1/chat/completions"))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(LlmBodies.openAi(false)))
        .build();
  }
}
