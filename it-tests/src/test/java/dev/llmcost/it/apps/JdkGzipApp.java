package dev.llmcost.it.apps;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/**
 * Reads {@code Content-Encoding: gzip} answers the way the JDK HttpClient delivers them, still
 * compressed (it never decodes), over HTTP/1.1 and over HTTP/2: a JSON body and an SSE stream with
 * {@code ofByteArray}, and an SSE stream with {@code ofInputStream} in small reads. Prints, per call,
 * {@code ### <name> <status> <version> <length> <sha256> magic=<first two bytes> inflated=<length> <sha256>}:
 * the bytes the application got, then what it inflates them to itself. Each call asks the fake for
 * its own usage (input 2100, 2110, 2120 over HTTP/1.1; 2200, 2210, 2220 over HTTP/2).
 *
 * <p>Usage: {@code JdkGzipApp <http-base-url> <https-base-url> <certificate.pem>}.
 */
public final class JdkGzipApp {

  public static void main(String[] args) throws Exception {
    GetBodyHandOffs handOffs = new GetBodyHandOffs();
    HttpClient http1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).executor(handOffs).build();
    HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
        .sslContext(TrustedPem.sslContext(Path.of(args[2])))
        .connectTimeout(Duration.ofSeconds(5)).executor(handOffs).build();
    calls("h1", http1, args[0], 2100);
    calls("h2", http2, args[1], 2200);
    System.out.println("### clients handed getBody to their executor: " + handOffs.count());
    handOffs.shutdown();
    System.out.println("### done");
  }

  private static void calls(String label, HttpClient client, String base, int input) throws Exception {
    HttpResponse<byte[]> json = client.send(request(base, false, input, input / 10),
        BodyHandlers.ofByteArray());
    print(label + "-gzip-json", json, json.body());
    HttpResponse<byte[]> sse = client.send(request(base, true, input + 10, input / 10 + 10),
        BodyHandlers.ofByteArray());
    print(label + "-gzip-sse", sse, sse.body());
    HttpResponse<InputStream> stream = client.send(request(base, true, input + 20, input / 10 + 20),
        BodyHandlers.ofInputStream());
    ByteArrayOutputStream read = new ByteArrayOutputStream();
    try (InputStream in = stream.body()) {
      byte[] piece = new byte[100];
      for (int n; (n = in.read(piece)) >= 0; ) {
        read.write(piece, 0, n);
      }
    }
    print(label + "-gzip-sse-stream", stream, read.toByteArray());
  }

  private static HttpRequest request(String base, boolean stream, int input, int output) {
    String body = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hi\"}]"
        + (stream ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" : "") + "}";
    return HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
        .timeout(Duration.ofSeconds(15))
        .header("content-type", "application/json")
        .header("authorization", "Bearer sk-secret-gzip")
        .header("x-fake-behaviour", "gzip; input=" + input + "; output=" + output
            + (stream ? "; chunks=60" : ""))
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static void print(String name, HttpResponse<?> response, byte[] bytes) throws Exception {
    byte[] inflated;
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
      inflated = in.readAllBytes();
    }
    System.out.println("### " + name + " " + response.statusCode() + " " + response.version() + " "
        + describe(bytes) + " magic=" + HexFormat.of().formatHex(bytes, 0, Math.min(2, bytes.length))
        + " inflated=" + describe(inflated)
        + " content-encoding=" + response.headers().firstValue("content-encoding").orElse("none"));
  }

  private static String describe(byte[] bytes) throws Exception {
    return bytes.length + " " + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
