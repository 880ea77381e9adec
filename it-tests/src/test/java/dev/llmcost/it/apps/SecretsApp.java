package dev.llmcost.it.apps;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;

/**
 * Calls a provider the way real integrations pass their keys, through four transports: the JDK
 * HttpClient, HttpURLConnection, OkHttp and Apache HttpClient 5, with {@code Authorization: Bearer},
 * {@code x-api-key}, {@code api-key}, {@code x-goog-api-key} and {@code ?key=} in the query, on
 * answers that succeed, fail and stream, and on a connection that is refused. The keys come from
 * the environment ({@code OPENAI_API_KEY}, {@code ANTHROPIC_API_KEY}, {@code AZURE_OPENAI_API_KEY},
 * {@code GEMINI_API_KEY}). Prints {@code ### <scenario> <status> <sha-256 of the body>} only (never
 * a key), then {@code ready} and waits for a line on standard input before it exits, so a test can
 * look at the running process. Usage: {@code SecretsApp <base-url> <refused-port>}.
 */
public final class SecretsApp {
  private static final String OPENAI_KEY = System.getenv("OPENAI_API_KEY");
  private static final String ANTHROPIC_KEY = System.getenv("ANTHROPIC_API_KEY");
  private static final String AZURE_KEY = System.getenv("AZURE_OPENAI_API_KEY");
  private static final String GEMINI_KEY = System.getenv("GEMINI_API_KEY");

  public static void main(String[] args) throws Exception {
    String base = args[0];
    String refused = "http://127.0.0.1:" + args[1];
    HttpClient jdk = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    jdk(jdk, "jdk-openai", base + "/v1/chat/completions", LlmBodies.openAi(false), null,
        "authorization", "Bearer " + OPENAI_KEY);
    jdk(jdk, "jdk-openai-sse", base + "/v1/chat/completions", LlmBodies.openAi(true), null,
        "authorization", "Bearer " + OPENAI_KEY);
    jdk(jdk, "jdk-anthropic-401", base + "/v1/messages", LlmBodies.anthropic(false), "status=401",
        "x-api-key", ANTHROPIC_KEY);
    jdk(jdk, "jdk-azure", base + "/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21&api-key="
        + AZURE_KEY, LlmBodies.openAi(false), null, "api-key", AZURE_KEY);
    jdk(jdk, "jdk-gemini-refused", refused + "/v1beta/models/gemini-2.0-flash:generateContent?key=" + GEMINI_KEY,
        gemini(), null, "x-goog-api-key", GEMINI_KEY);

    urlConnection("url-gemini", base + "/v1beta/models/gemini-2.0-flash:generateContent?key=" + GEMINI_KEY, null);
    urlConnection("url-gemini-sse", base + "/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse&key="
        + GEMINI_KEY, null);
    urlConnection("url-gemini-500", base + "/v1beta/models/gemini-2.0-flash:generateContent?key=" + GEMINI_KEY,
        "status=500");

    okHttp("okhttp-openai-sse", base + "/v1/chat/completions?key=" + OPENAI_KEY, LlmBodies.openAi(true), null);
    okHttp("okhttp-anthropic-dropped", base + "/v1/messages", LlmBodies.anthropic(true), "drop-after=3");

    apache("apache-anthropic", base + "/v1/messages", LlmBodies.anthropic(false), null);
    apache("apache-openai-429", base + "/v1/chat/completions?key=" + OPENAI_KEY, LlmBodies.openAi(false),
        "status=429; retry-after=0");

    System.out.println("ready");
    System.out.flush();
    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    System.out.println("### done");
  }

  private static String gemini() {
    return "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Say hi\"}]}]}";
  }

  private static void jdk(HttpClient client, String name, String url, String body, String behaviour,
      String keyHeader, String key) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(10))
        .header("content-type", "application/json")
        .header("anthropic-version", "2023-06-01")
        .header(keyHeader, key)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (behaviour != null) {
      request.header("x-fake-behaviour", behaviour);
    }
    try {
      var response = client.send(request.build(), BodyHandlers.ofByteArray());
      print(name, response.statusCode(), response.body());
    } catch (Exception e) {
      System.out.println("### " + name + " threw " + e.getClass().getName());
    }
  }

  private static void urlConnection(String name, String url, String behaviour) {
    try {
      HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
      c.setRequestMethod("POST");
      c.setDoOutput(true);
      c.setRequestProperty("content-type", "application/json");
      c.setRequestProperty("x-goog-api-key", GEMINI_KEY);
      if (behaviour != null) {
        c.setRequestProperty("x-fake-behaviour", behaviour);
      }
      try (OutputStream out = c.getOutputStream()) {
        out.write(gemini().getBytes(StandardCharsets.UTF_8));
      }
      int status = c.getResponseCode();
      InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream();
      try (in) {
        print(name, status, in == null ? new byte[0] : in.readAllBytes());
      }
    } catch (IOException e) {
      System.out.println("### " + name + " threw " + e.getClass().getName());
    }
  }

  private static void okHttp(String name, String url, String body, String behaviour) {
    OkHttpClient client = new OkHttpClient();
    Request.Builder request = new Request.Builder().url(url)
        .header("authorization", "Bearer " + OPENAI_KEY)
        .header("x-api-key", ANTHROPIC_KEY)
        .header("anthropic-version", "2023-06-01")
        .post(RequestBody.create(body, MediaType.get("application/json")));
    if (behaviour != null) {
      request.header("x-fake-behaviour", behaviour);
    }
    try (Response response = client.newCall(request.build()).execute()) {
      print(name, response.code(), response.body().bytes());
    } catch (IOException e) {
      System.out.println("### " + name + " threw " + e.getClass().getName());
    }
  }

  private static void apache(String name, String url, String body, String behaviour) throws IOException {
    try (CloseableHttpClient client = HttpClients.custom().disableAutomaticRetries().build()) {
      HttpPost post = new HttpPost(url);
      post.setHeader("x-api-key", ANTHROPIC_KEY);
      post.setHeader("authorization", "Bearer " + OPENAI_KEY);
      post.setHeader("anthropic-version", "2023-06-01");
      if (behaviour != null) {
        post.setHeader("x-fake-behaviour", behaviour);
      }
      post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
      client.execute(post, r -> {
        print(name, r.getCode(), EntityUtils.toByteArray(r.getEntity()));
        return null;
      });
    }
  }

  private static void print(String name, int status, byte[] body) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
      System.out.println("### " + name + " " + status + " " + HexFormat.of().formatHex(hash));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
