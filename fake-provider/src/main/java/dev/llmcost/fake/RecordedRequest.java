package dev.llmcost.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * One request exactly as the {@link FakeProvider} read it off the socket.
 *
 * @param sequence     0-based order of arrival at this provider
 * @param connectionId the {@link ConnectionRecord#id()} it arrived on
 * @param target       the request target: path plus query
 * @param headers      names lower-cased, values in arrival order
 * @param body         raw body bytes (still gzip if the client sent it so)
 * @param receivedNanos {@link System#nanoTime()} when the body had been read
 */
public record RecordedRequest(
    int sequence,
    int connectionId,
    String method,
    String target,
    Map<String, List<String>> headers,
    byte[] body,
    long receivedNanos) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public String path() {
    int q = target.indexOf('?');
    return q < 0 ? target : target.substring(0, q);
  }

  public String query() {
    int q = target.indexOf('?');
    return q < 0 ? "" : target.substring(q + 1);
  }

  /** First value of a header, or null. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The body as UTF-8 text, gunzipped if the client sent {@code Content-Encoding: gzip}. */
  public String bodyText() {
    return new String(decodedBody(), StandardCharsets.UTF_8);
  }

  public byte[] decodedBody() {
    if (!"gzip".equalsIgnoreCase(header("content-encoding"))) {
      return body;
    }
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The body parsed as JSON; a missing node for an empty or non-JSON body. */
  public JsonNode json() {
    try {
      byte[] b = decodedBody();
      return b.length == 0 ? JSON.missingNode() : JSON.readTree(b);
    } catch (IOException e) {
      return JSON.missingNode();
    }
  }

  @Override
  public String toString() {
    return method + " " + target + " (#" + sequence + ", connection " + connectionId + ", " + body.length + " bytes)";
  }
}
