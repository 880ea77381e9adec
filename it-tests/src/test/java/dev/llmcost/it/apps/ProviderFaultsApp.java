package dev.llmcost.it.apps;

import java.io.IOException;
import java.io.InputStream;
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
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufMono;

/**
 * Meets every way a provider can answer badly, through the JDK HttpClient, HttpURLConnection,
 * OkHttp, Apache HttpClient 5 (classic) and Reactor Netty, and prints what the application got: {@code ### <transport> <scenario> <status> <bytes>
 * <sha-256>} for a body read to its end, or the exception's class. Bodies are read as streams, so
 * a 50 MB answer needs no heap. Usage: {@code ProviderFaultsApp <base-url> <scenario>...}, each
 * scenario {@code name|path|stream|x-fake-behaviour}.
 */
public final class ProviderFaultsApp {
  /** Long enough for every answer but the one that never comes. */
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  public static void main(String[] args) throws Exception {
    String base = args[0];
    HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    for (int i = 1; i < args.length; i++) {
      String[] s = args[i].split("\\|", -1);
      String name = s[0];
      String path = s[1];
      boolean stream = Boolean.parseBoolean(s[2]);
      String behaviour = s[3];
      String body = body(path, stream);
      System.out.println("### jdk " + name + " " + jdk(client, base + path, body, behaviour));
      System.out.println("### url " + name + " " + urlConnection(base + path, body, behaviour));
      System.out.println("### okhttp " + name + " " + okHttp(base + path, body, behaviour));
      System.out.println("### apache " + name + " " + apache(base + path, body, behaviour));
      System.out.println("### netty " + name + " " + netty(base + path, body, behaviour));
    }
    System.out.println("### done");
  }

  private static String body(String path, boolean stream) {
    if (path.endsWith("/messages")) {
      return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"Say hi\"}]"
          + (stream ? ",\"stream\":true" : "") + "}";
    }
    if (path.contains(":")) {
      return "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Say hi\"}]}]}";
    }
    return LlmBodies.openAi(stream);
  }

  private static String jdk(HttpClient client, String url, String body, String behaviour) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url))
        .timeout(TIMEOUT)
        .header("content-type", "application/json")
        .header("x-fake-behaviour", behaviour)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    try {
      var response = client.send(request, BodyHandlers.ofInputStream());
      try (InputStream in = response.body()) {
        return response.statusCode() + " " + digest(in);
      }
    } catch (Exception e) {
      return "threw " + e.getClass().getName();
    }
  }

  private static String urlConnection(String url, String body, String behaviour) {
    try {
      HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
      c.setConnectTimeout((int) TIMEOUT.toMillis());
      c.setReadTimeout((int) TIMEOUT.toMillis());
      c.setRequestMethod("POST");
      c.setDoOutput(true);
      c.setRequestProperty("content-type", "application/json");
      c.setRequestProperty("x-fake-behaviour", behaviour);
      try (OutputStream out = c.getOutputStream()) {
        out.write(body.getBytes(StandardCharsets.UTF_8));
      }
      int status = c.getResponseCode();
      InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream();
      if (in == null) {
        return status + " no body";
      }
      try (in) {
        return status + " " + digest(in);
      }
    } catch (Exception e) {
      return "threw " + e.getClass().getName();
    }
  }

  private static final OkHttpClient OKHTTP = new OkHttpClient.Builder()
      .connectTimeout(TIMEOUT).readTimeout(TIMEOUT).retryOnConnectionFailure(false).build();
  private static final CloseableHttpClient APACHE = HttpClients.custom()
      .disableAutomaticRetries().disableRedirectHandling()
      .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(TIMEOUT)).build())
      .build();

  private static String okHttp(String url, String body, String behaviour) {
    Request request = new Request.Builder().url(url).header("x-fake-behaviour", behaviour)
        .post(RequestBody.create(body, MediaType.get("application/json"))).build();
    try (Response response = OKHTTP.newCall(request).execute(); InputStream in = response.body().byteStream()) {
      return response.code() + " " + digest(in);
    } catch (Exception e) {
      return "threw " + e.getClass().getName();
    }
  }

  private static String apache(String url, String body, String behaviour) {
    HttpPost post = new HttpPost(url);
    post.setHeader("x-fake-behaviour", behaviour);
    post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
    try {
      return APACHE.execute(post, r -> {
        try (InputStream in = r.getEntity() == null ? InputStream.nullInputStream() : r.getEntity().getContent()) {
          return r.getCode() + " " + digest(in);
        }
      });
    } catch (Exception e) {
      return "threw " + e.getClass().getName();
    }
  }

  private static final reactor.netty.http.client.HttpClient NETTY =
      reactor.netty.http.client.HttpClient.create().responseTimeout(TIMEOUT);

  /** The body digested as it streams in, chunk by chunk, as for the other clients. */
  private static String netty(String url, String body, String behaviour) {
    try {
      return NETTY.headers(h -> h.set("x-fake-behaviour", behaviour).set("Content-Type", "application/json"))
          .post().uri(url).send(ByteBufMono.fromString(Mono.just(body)))
          .response((r, content) -> {
            MessageDigest sha = sha256();
            AtomicLong total = new AtomicLong();
            return content.asByteArray()
                .doOnNext(b -> {
                  sha.update(b);
                  total.addAndGet(b.length);
                })
                .then(Mono.fromSupplier(() -> r.status().code() + " " + total.get() + " "
                    + HexFormat.of().formatHex(sha.digest())));
          })
          .single().block(Duration.ofSeconds(30));
    } catch (Exception e) {
      return "threw " + e.getClass().getName();
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String digest(InputStream in) throws IOException {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[64 * 1024];
      long total = 0;
      for (int n; (n = in.read(buf)) >= 0; ) {
        sha.update(buf, 0, n);
        total += n;
      }
      return total + " " + HexFormat.of().formatHex(sha.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
