package dev.llmcost.it.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmcost.fake.Eventually;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Zipkin's own query API (the one its UI uses), read over HTTP: {@code /api/v2/traces},
 * {@code /api/v2/services}.
 */
public final class ZipkinApi {

  /** Far above what one test sends; Zipkin's default is 10 traces. */
  private static final int LIMIT = 1000;
  private static final Duration POLL = Duration.ofMillis(200);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  ZipkinApi(URI base) {
    this.base = base;
  }

  /**
   * Every span of the service's traces that match {@code annotationQuery} (null for all), the way
   * the UI searches: {@code llmcost.outcome=abandoned}, a bare key such as
   * {@code llmcost.waste.usd}, or several joined by {@code " and "}.
   */
  public List<ZipkinSpan> spans(String serviceName, String annotationQuery) {
    StringBuilder query = new StringBuilder("/api/v2/traces?serviceName=").append(encode(serviceName))
        .append("&limit=").append(LIMIT);
    if (annotationQuery != null) {
      query.append("&annotationQuery=").append(encode(annotationQuery));
    }
    List<ZipkinSpan> spans = new ArrayList<>();
    for (JsonNode trace : get(query.toString())) {
      for (JsonNode span : trace) {
        spans.add(toSpan(span));
      }
    }
    return spans;
  }

  /** Polls {@link #spans} until at least {@code count} spans are there; fails with what was seen. */
  public List<ZipkinSpan> awaitSpans(String serviceName, String annotationQuery, int count, Duration timeout) {
    AtomicReference<List<ZipkinSpan>> last = new AtomicReference<>(List.of());
    boolean found = Eventually.holds(timeout, () -> {
      last.set(spans(serviceName, annotationQuery));
      if (last.get().size() >= count) {
        return true;
      }
      sleep(POLL);
      return false;
    });
    if (!found) {
      throw new AssertionError("Zipkin has " + last.get().size() + " of " + count + " spans for service "
          + serviceName + (annotationQuery == null ? "" : " and " + annotationQuery) + " after " + timeout
          + ": " + last.get());
    }
    return last.get();
  }

  public List<String> serviceNames() {
    return strings(get("/api/v2/services"));
  }

  private JsonNode get(String pathAndQuery) {
    HttpRequest request = HttpRequest.newBuilder(base.resolve(pathAndQuery))
        .header("accept", "application/json").timeout(Duration.ofSeconds(10)).GET().build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new AssertionError("GET " + pathAndQuery + " answered " + response.statusCode() + ": "
            + response.body());
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + pathAndQuery, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static ZipkinSpan toSpan(JsonNode span) {
    Map<String, String> tags = new LinkedHashMap<>();
    span.path("tags").properties().forEach(e -> tags.put(e.getKey(), e.getValue().asText()));
    return new ZipkinSpan(span.path("traceId").asText(), span.path("id").asText(),
        textOrNull(span, "parentId"), span.path("name").asText(), textOrNull(span, "kind"),
        span.path("localEndpoint").path("serviceName").asText(), span.path("duration").asLong(), tags);
  }

  private static String textOrNull(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  /** Query-string encoding with %20 for spaces ({@code " and "} in an annotation query). */
  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
