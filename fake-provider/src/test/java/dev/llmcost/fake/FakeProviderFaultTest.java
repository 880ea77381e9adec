package dev.llmcost.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmcost.fake.Exchange.Outcome;
import dev.llmcost.fake.SseEvents.SseEvent;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The faults a test can order from the fake, as a real client experiences them. */
class FakeProviderFaultTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CHAT = "/v1/chat/completions";
  private static final String STREAM = "{\"model\":\"gpt-4o-mini\",\"stream\":true}";
  private static final Duration WAIT = Duration.ofSeconds(5);

  private static FakeProvider provider;
  private static HttpClient client;

  @BeforeAll
  static void start() {
    provider = FakeProvider.start();
    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(WAIT).build();
  }

  @AfterAll
  static void stop() {
    provider.close();
  }

  @BeforeEach
  void reset() {
    provider.clear();
    provider.setDefaultBehaviour(Behaviour.normal());
  }

  @Test
  void rateLimitAnswersCarryEachProvidersErrorBodyAndRetryAfter() throws Exception {
    provider.setDefaultBehaviour(Behaviour.normal().withStatus(429).withRetryAfterSeconds(2));

    HttpResponse<String> openAi = send(CHAT, "{\"model\":\"gpt-4o-mini\"}");
    assertEquals(429, openAi.statusCode());
    assertEquals("2", openAi.headers().firstValue("retry-after").orElseThrow());
    assertEquals("0", openAi.headers().firstValue("x-ratelimit-remaining-requests").orElseThrow());
    assertEquals("rate_limit_exceeded", JSON.readTree(openAi.body()).at("/error/code").asText());

    HttpResponse<String> anthropic = send("/v1/messages", "{\"model\":\"claude-sonnet-4-5\",\"stream\":true}");
    assertEquals(429, anthropic.statusCode());
    assertEquals("2", anthropic.headers().firstValue("retry-after").orElseThrow());
    JsonNode error = JSON.readTree(anthropic.body());
    assertEquals("error", error.path("type").asText());
    assertEquals("rate_limit_error", error.at("/error/type").asText());

    HttpResponse<String> gemini = send("/v1beta/models/gemini-2.5-flash:generateContent", "{}");
    assertEquals("RESOURCE_EXHAUSTED", JSON.readTree(gemini.body()).at("/error/status").asText());
  }

  @Test
  void serverAndClientErrorsUseTheProvidersErrorTypes() throws Exception {
    provider.enqueue(Behaviour.normal().withStatus(500), Behaviour.normal().withStatus(400),
        Behaviour.normal().withStatus(529));
    HttpResponse<String> serverError = send(CHAT, "{\"model\":\"m\"}");
    assertEquals(500, serverError.statusCode());
    assertEquals("server_error", JSON.readTree(serverError.body()).at("/error/type").asText());
    assertEquals(400, send(CHAT, "{\"model\":\"m\"}").statusCode());
    HttpResponse<String> overloaded = send("/v1/messages", "{\"model\":\"m\"}");
    assertEquals(529, overloaded.statusCode());
    assertEquals("overloaded_error", JSON.readTree(overloaded.body()).at("/error/type").asText());
    assertEquals(200, send(CHAT, "{\"model\":\"m\"}").statusCode(), "queued behaviours are one-shot");
  }

  @Test
  void aConnectionDroppedMidStreamFailsTheReaderAfterTheEventsSent() throws Exception {
    // Spaced events: the headers reach the client (send returns) well before the drop.
    provider.setDefaultBehaviour(Behaviour.normal().withChunks(5).withChunkDelay(Duration.ofMillis(30))
        .droppingAfter(3));
    HttpResponse<InputStream> r = client.send(request(CHAT, STREAM).build(), HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, r.statusCode());
    List<String> lines = new ArrayList<>();
    IOException failure = assertThrows(IOException.class, () -> {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
        for (String line; (line = reader.readLine()) != null; ) {
          lines.add(line);
        }
      }
    });
    assertTrue(lines.stream().filter(l -> l.startsWith("data: ")).count() <= 3, "read " + lines + " then " + failure);
    Exchange exchange = provider.awaitExchange(e -> e.outcome() == Outcome.DROPPED, WAIT);
    assertEquals(3, exchange.eventsSent());
  }

  @Test
  void aSlowAnswerDelaysItsHeadersAndSpacesItsChunks() throws Exception {
    provider.setDefaultBehaviour(Behaviour.normal().withChunks(3).slow(Duration.ofMillis(300), Duration.ofMillis(60)));
    long start = System.nanoTime();
    HttpResponse<InputStream> r = client.send(request(CHAT, STREAM).build(), HttpResponse.BodyHandlers.ofInputStream());
    long headersMillis = (System.nanoTime() - start) / 1_000_000;
    String body;
    try (InputStream in = r.body()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    long totalMillis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(headersMillis >= 300, "headers after " + headersMillis + " ms");
    int frames = SseEvents.parse(body).size(); // role, 3 deltas, finish, [DONE]
    assertEquals(6, frames);
    assertTrue(totalMillis >= 300 + (frames - 1) * 60, "whole stream in " + totalMillis + " ms");
  }

  @Test
  void aRequestThatIsNeverAnsweredTimesOutAndTheProviderSeesTheClientLeave() {
    provider.setDefaultBehaviour(Behaviour.normal().hanging());
    HttpRequest r = request(CHAT, "{\"model\":\"m\"}").timeout(Duration.ofMillis(300)).build();
    assertThrows(HttpTimeoutException.class, () -> client.send(r, HttpResponse.BodyHandlers.ofString()));
    Exchange exchange = provider.awaitExchange(e -> e.outcome() == Outcome.CLIENT_DISCONNECTED, WAIT);
    assertEquals(0, exchange.status());
  }

  @Test
  void anEndlessStreamRunsUntilTheClientDisconnects() throws Exception {
    provider.setDefaultBehaviour(Behaviour.normal().endlessStream().withChunkDelay(Duration.ofMillis(20)));
    HttpResponse<InputStream> r = client.send(request(CHAT, STREAM).build(), HttpResponse.BodyHandlers.ofInputStream());
    BufferedReader reader = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
    int data = 0;
    while (data < 20) {
      if (reader.readLine().startsWith("data: ")) {
        data++;
      }
    }
    long closedAt = System.nanoTime();
    reader.close(); // the JDK client abandons the exchange and closes the connection
    // The writer counts a frame after its flush, so the count may trail the reader by one for a moment.
    Exchange exchange = provider.awaitExchange(
        e -> e.outcome() == Outcome.CLIENT_DISCONNECTED && e.eventsSent() >= 20, WAIT);
    long noticedMillis = (exchange.endedNanos() - closedAt) / 1_000_000;
    assertTrue(noticedMillis < 1000, "provider noticed the disconnect after " + noticedMillis + " ms");
  }

  @Test
  void malformedAnswersAreValidHttpButBrokenJson() throws Exception {
    provider.setDefaultBehaviour(Behaviour.normal().malformedJson().withChunks(4));
    HttpResponse<String> json = send(CHAT, "{\"model\":\"m\"}");
    assertEquals(200, json.statusCode());
    assertThrows(JsonProcessingException.class, () -> JSON.readTree(json.body()));

    List<SseEvent> events = SseEvents.parse(send(CHAT, STREAM).body());
    int broken = 0;
    for (SseEvent e : events) {
      if (!e.data().equals("[DONE]")) {
        try {
          JSON.readTree(e.data());
        } catch (JsonProcessingException ex) {
          broken++;
        }
      }
    }
    assertEquals(1, broken, "exactly one broken event in " + events);
  }

  @Test
  void gzipAnswersDecodeToTheNormalBodyAndStream() throws Exception {
    provider.setDefaultBehaviour(Behaviour.normal().gzipped().withUsage(FakeUsage.of(50, 9)));
    HttpResponse<byte[]> json = client.send(request(CHAT, "{\"model\":\"m\"}").build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals("gzip", json.headers().firstValue("content-encoding").orElseThrow());
    assertEquals(50, JSON.readTree(gunzip(json.body())).at("/usage/prompt_tokens").asInt());

    HttpResponse<byte[]> stream = client.send(request("/v1/messages", "{\"model\":\"m\",\"stream\":true}").build(),
        HttpResponse.BodyHandlers.ofByteArray());
    List<SseEvent> events = SseEvents.parse(new String(gunzip(stream.body()), StandardCharsets.UTF_8));
    assertEquals("message_stop", events.get(events.size() - 1).event());
    assertEquals(9, JSON.readTree(events.get(events.size() - 2).data()).at("/usage/output_tokens").asInt());
  }

  @Test
  void concurrentRequestsAreCountedAtTheirPeak() {
    provider.awaitIdle(WAIT); // an earlier test's last answer may still be settling
    provider.clear();
    provider.setDefaultBehaviour(Behaviour.normal().withHeaderDelay(Duration.ofMillis(300)));
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      calls.add(client.sendAsync(request(CHAT, "{\"model\":\"m\"}").build(), HttpResponse.BodyHandlers.ofString()));
    }
    calls.forEach(c -> assertEquals(200, c.join().statusCode()));
    provider.awaitIdle(WAIT);
    assertEquals(4, provider.maxConcurrentRequests());
  }

  @Test
  void connectionsAreReusedAndTheirCloseByTheClientIsTimed() throws Exception {
    byte[] request = ("POST " + CHAT + " HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n"
        + "content-length: 13\r\n\r\n{\"model\":\"m\"}").getBytes(StandardCharsets.US_ASCII);
    long closedAt;
    try (Socket socket = new Socket(provider.uri("/").getHost(), provider.port())) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      for (int i = 0; i < 2; i++) {
        out.write(request);
        out.flush();
        readOneResponse(in);
      }
      closedAt = System.nanoTime();
    }
    List<RecordedRequest> requests = provider.awaitRequests(2, WAIT);
    assertEquals(requests.get(0).connectionId(), requests.get(1).connectionId());
    ConnectionRecord connection = provider.awaitConnectionClosed(requests.get(0).connectionId(), WAIT);
    assertEquals(2, connection.requests(), "keep-alive: both requests on one connection");
    assertTrue(connection.closedByClient());
    assertTrue((connection.closedNanos() - closedAt) / 1_000_000 < 1000);
  }

  @Test
  void unknownBehaviourKeysAnswer400AndAreReported() throws Exception {
    HttpResponse<String> r = client.send(request(CHAT, "{}").header(Behaviour.HEADER, "explode").build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(400, r.statusCode());
    assertEquals(1, provider.failures().size());
  }

  @Test
  void anUnparsableRequestGets400AndTheConnectionIsClosed() throws Exception {
    try (Socket socket = new Socket(provider.uri("/").getHost(), provider.port())) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write(("POST " + CHAT + " HTTP/1.1\r\ncontent-length: lots\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      assertTrue(answer.startsWith("HTTP/1.1 400 Bad Request"), answer);
    }
  }

  @Test
  void aClientExpecting100ContinueGetsItsAnswer() throws Exception {
    HttpResponse<String> r = client.send(request(CHAT, "{\"model\":\"m\"}").expectContinue(true).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    assertTrue("100-continue".equalsIgnoreCase(provider.awaitRequests(1, WAIT).get(0).header("expect")));
  }

  @Test
  void anEmptyBodyIsA200WithNothingInIt() throws Exception {
    HttpResponse<String> json = client.send(request(CHAT, "{\"model\":\"m\"}").header(Behaviour.HEADER, "empty").build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, json.statusCode());
    assertEquals("", json.body());
    HttpResponse<String> stream = client.send(request(CHAT, STREAM).header(Behaviour.HEADER, "empty").build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals("", stream.body());
  }

  @Test
  void unknownEventsComeBetweenTheRealOnes() throws Exception {
    HttpResponse<String> r = client.send(request(CHAT, STREAM).header(Behaviour.HEADER, "unknown-events; chunks=4").build(),
        HttpResponse.BodyHandlers.ofString());
    assertTrue(r.body().contains("event: fake.telemetry"), r.body());
    assertTrue(r.body().contains("data: not json at all"), r.body());
    assertTrue(r.body().endsWith("data: [DONE]\n\n"), r.body());
  }

  @Test
  void aCutStreamEndsInTheMiddleOfAnEvent() throws Exception {
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    try (Socket socket = new Socket(provider.uri("/").getHost(), provider.port())) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write(("POST " + CHAT + " HTTP/1.1\r\nhost: x\r\nx-fake-behaviour: cut-after=2; chunks=6\r\n"
          + "content-length: " + STREAM.length() + "\r\n\r\n" + STREAM).getBytes(StandardCharsets.US_ASCII));
      try {
        socket.getInputStream().transferTo(seen);
      } catch (IOException reset) {
        // what arrived before the reset is kept
      }
    }
    String wire = seen.toString(StandardCharsets.UTF_8);
    String lastEvent = wire.substring(wire.lastIndexOf("data: "));
    assertTrue(lastEvent.length() > 10 && !lastEvent.contains("\n\n"), "ends inside an event: " + wire);
    assertTrue(!wire.contains("[DONE]") && !wire.endsWith("0\r\n\r\n"), "no end of stream: " + wire);
    assertEquals(Outcome.DROPPED, provider.awaitExchange(e -> e.outcome() != null, WAIT).outcome());
  }

  @Test
  void paddingMakesAJsonAnswerAsLargeAsAsked() throws Exception {
    HttpResponse<String> r = client.send(request(CHAT, "{\"model\":\"m\"}").header(Behaviour.HEADER, "pad=3MB").build(),
        HttpResponse.BodyHandlers.ofString());
    JsonNode body = JSON.readTree(r.body());
    assertEquals(3 << 20, body.path("x_padding").asText().length());
    assertEquals(12, body.at("/usage/prompt_tokens").asInt(), "the real answer follows the padding");
  }

  @Test
  void anInterimResponseComesBeforeTheAnswer() throws Exception {
    try (Socket socket = new Socket(provider.uri("/").getHost(), provider.port())) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write(("POST " + CHAT + " HTTP/1.1\r\nhost: x\r\nx-fake-behaviour: interim=103\r\n"
          + "connection: close\r\ncontent-length: 13\r\n\r\n{\"model\":\"m\"}").getBytes(StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      assertTrue(answer.startsWith("HTTP/1.1 103 Early Hints\r\nlink: "), answer);
      assertTrue(answer.contains("\r\n\r\nHTTP/1.1 200 OK\r\n"), answer);
    }
  }

  /** Reads status line, headers and a content-length body: enough for the fake's JSON answers. */
  private static void readOneResponse(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        throw new IOException("closed early: " + head);
      }
      head.append((char) c);
    }
    assertTrue(head.toString().startsWith("HTTP/1.1 200 OK"), head.toString());
    int length = 0;
    for (String line : head.toString().split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    assertEquals(length, in.readNBytes(length).length);
  }

  private static byte[] gunzip(byte[] bytes) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return in.readAllBytes();
    }
  }

  private static HttpRequest.Builder request(String path, String json) {
    return HttpRequest.newBuilder(provider.uri(path))
        .timeout(WAIT)
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
  }

  private static HttpResponse<String> send(String path, String json) throws Exception {
    return client.send(request(path, json).build(), HttpResponse.BodyHandlers.ofString());
  }
}
