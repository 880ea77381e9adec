package dev.llmcost.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmcost.fake.SseEvents.SseEvent;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake answers in each provider's real shape, with exactly the configured usage. */
class FakeProviderWireFormatTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final FakeUsage USAGE = FakeUsage.of(120, 30).withCacheRead(40).withCacheWrite(10)
      .withCacheWrite1h(5).withReasoning(8);

  private static FakeProvider provider;
  private static HttpClient client;

  @BeforeAll
  static void start() {
    provider = FakeProvider.start();
    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterAll
  static void stop() {
    provider.close();
  }

  @BeforeEach
  void reset() {
    provider.clear();
    provider.setDefaultBehaviour(Behaviour.normal().withUsage(USAGE).withChunks(4));
  }

  @Test
  void openAiChatJsonReportsTheConfiguredUsageAndEchoesTheModel() throws Exception {
    HttpResponse<String> r = post("/v1/chat/completions", "{\"model\":\"gpt-4o-mini\",\"messages\":[]}");
    assertEquals(200, r.statusCode());
    assertEquals("application/json", r.headers().firstValue("content-type").orElseThrow());
    JsonNode body = JSON.readTree(r.body());
    assertEquals("chat.completion", body.path("object").asText());
    assertTrue(body.path("id").asText().startsWith("chatcmpl-fake"));
    assertEquals("gpt-4o-mini", body.path("model").asText());
    assertEquals("fake0 fake1 fake2 fake3", body.at("/choices/0/message/content").asText());
    assertEquals("stop", body.at("/choices/0/finish_reason").asText());
    JsonNode usage = body.path("usage");
    assertEquals(120, usage.path("prompt_tokens").asInt());
    assertEquals(30, usage.path("completion_tokens").asInt());
    assertEquals(150, usage.path("total_tokens").asInt());
    assertEquals(40, usage.at("/prompt_tokens_details/cached_tokens").asInt());
    assertEquals(8, usage.at("/completion_tokens_details/reasoning_tokens").asInt());
    assertTrue(r.headers().firstValue("x-request-id").orElseThrow().startsWith("req_fake"));
  }

  @Test
  void openAiChatStreamCarriesUsageOnlyWhenTheRequestAsksForIt() throws Exception {
    List<SseEvent> withUsage = SseEvents.parse(post("/v1/chat/completions",
        "{\"model\":\"gpt-4.1\",\"stream\":true,\"stream_options\":{\"include_usage\":true}}").body());
    // role chunk, 4 content chunks, finish chunk, usage chunk, [DONE]
    assertEquals(8, withUsage.size());
    assertEquals("[DONE]", withUsage.get(7).data());
    JsonNode usageChunk = JSON.readTree(withUsage.get(6).data());
    assertEquals(0, usageChunk.path("choices").size());
    assertEquals(120, usageChunk.at("/usage/prompt_tokens").asInt());
    assertEquals(30, usageChunk.at("/usage/completion_tokens").asInt());
    assertEquals(40, usageChunk.at("/usage/prompt_tokens_details/cached_tokens").asInt());
    StringBuilder text = new StringBuilder();
    for (SseEvent e : withUsage.subList(0, 6)) {
      JsonNode chunk = JSON.readTree(e.data());
      assertEquals("chat.completion.chunk", chunk.path("object").asText());
      assertEquals("gpt-4.1", chunk.path("model").asText());
      assertTrue(chunk.has("usage") && chunk.get("usage").isNull(), "usage: null on every other chunk");
      text.append(chunk.at("/choices/0/delta/content").asText(""));
    }
    assertEquals("fake0 fake1 fake2 fake3", text.toString());
    assertEquals("stop", JSON.readTree(withUsage.get(5).data()).at("/choices/0/finish_reason").asText());

    List<SseEvent> without = SseEvents.parse(post("/v1/chat/completions", "{\"model\":\"gpt-4.1\",\"stream\":true}").body());
    assertEquals(7, without.size());
    assertEquals("[DONE]", without.get(6).data());
    for (SseEvent e : without.subList(0, 6)) {
      assertFalse(JSON.readTree(e.data()).has("usage"), "no usage field at all without include_usage");
    }
  }

  @Test
  void openAiResponsesStreamEndsWithResponseCompletedCarryingUsage() throws Exception {
    JsonNode json = JSON.readTree(post("/v1/responses", "{\"model\":\"o4-mini\",\"input\":\"hi\"}").body());
    assertEquals("response", json.path("object").asText());
    assertEquals("completed", json.path("status").asText());
    assertEquals("fake0 fake1 fake2 fake3", json.at("/output/0/content/0/text").asText());
    assertEquals(120, json.at("/usage/input_tokens").asInt());
    assertEquals(40, json.at("/usage/input_tokens_details/cached_tokens").asInt());
    assertEquals(30, json.at("/usage/output_tokens").asInt());
    assertEquals(8, json.at("/usage/output_tokens_details/reasoning_tokens").asInt());

    List<SseEvent> events = SseEvents.parse(post("/v1/responses", "{\"model\":\"o4-mini\",\"stream\":true}").body());
    List<String> types = events.stream().map(SseEvent::event).toList();
    assertEquals(List.of("response.created", "response.in_progress", "response.output_item.added",
        "response.content_part.added", "response.output_text.delta", "response.output_text.delta",
        "response.output_text.delta", "response.output_text.delta", "response.output_text.done",
        "response.content_part.done", "response.output_item.done", "response.completed"), types);
    for (int i = 0; i < events.size(); i++) {
      JsonNode data = JSON.readTree(events.get(i).data());
      assertEquals(types.get(i), data.path("type").asText());
      assertEquals(i, data.path("sequence_number").asInt());
    }
    assertTrue(JSON.readTree(events.get(0).data()).at("/response/usage").isNull());
    JsonNode completed = JSON.readTree(events.get(11).data()).path("response");
    assertEquals("o4-mini", completed.path("model").asText());
    assertEquals(120, completed.at("/usage/input_tokens").asInt());
    assertEquals(30, completed.at("/usage/output_tokens").asInt());
    assertFalse(events.stream().anyMatch(e -> e.data().equals("[DONE]")));
  }

  @Test
  void openAiEmbeddingsAnswerOneVectorPerInputAsFloatsOrBase64() throws Exception {
    JsonNode floats = JSON.readTree(post("/v1/embeddings",
        "{\"model\":\"text-embedding-3-small\",\"input\":[\"a\",\"b\"]}").body());
    assertEquals(2, floats.path("data").size());
    assertEquals(OpenAiEmbeddingsFormat.DIMENSIONS, floats.at("/data/1/embedding").size());
    assertEquals(120, floats.at("/usage/prompt_tokens").asInt());
    assertEquals(120, floats.at("/usage/total_tokens").asInt());

    JsonNode base64 = JSON.readTree(post("/v1/embeddings",
        "{\"model\":\"text-embedding-3-small\",\"input\":\"a\",\"encoding_format\":\"base64\"}").body());
    ByteBuffer vector = ByteBuffer.wrap(Base64.getDecoder().decode(base64.at("/data/0/embedding").asText()))
        .order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(OpenAiEmbeddingsFormat.DIMENSIONS * 4, vector.remaining());
    assertEquals(floats.at("/data/0/embedding/0").floatValue(), vector.getFloat(0));
  }

  @Test
  void openAiLegacyCompletionsStreamTextCompletionChunks() throws Exception {
    JsonNode json = JSON.readTree(post("/v1/completions", "{\"model\":\"gpt-3.5-turbo-instruct\",\"prompt\":\"x\"}").body());
    assertEquals("text_completion", json.path("object").asText());
    assertEquals(30, json.at("/usage/completion_tokens").asInt());
    List<SseEvent> events = SseEvents.parse(post("/v1/completions",
        "{\"model\":\"gpt-3.5-turbo-instruct\",\"stream\":true,\"stream_options\":{\"include_usage\":true}}").body());
    assertEquals(7, events.size()); // 4 text, finish, usage, [DONE]
    assertEquals(120, JSON.readTree(events.get(5).data()).at("/usage/prompt_tokens").asInt());
    assertEquals("[DONE]", events.get(6).data());
  }

  @Test
  void anthropicJsonExcludesCacheTokensFromInputTokens() throws Exception {
    HttpResponse<String> r = post("/v1/messages", "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":100}");
    JsonNode body = JSON.readTree(r.body());
    assertEquals("message", body.path("type").asText());
    assertEquals("claude-sonnet-4-5", body.path("model").asText());
    assertEquals("fake0 fake1 fake2 fake3", body.at("/content/0/text").asText());
    assertEquals("end_turn", body.path("stop_reason").asText());
    JsonNode usage = body.path("usage");
    assertEquals(120 - 40 - 10 - 5, usage.path("input_tokens").asInt());
    assertEquals(40, usage.path("cache_read_input_tokens").asInt());
    assertEquals(15, usage.path("cache_creation_input_tokens").asInt());
    assertEquals(10, usage.at("/cache_creation/ephemeral_5m_input_tokens").asInt());
    assertEquals(5, usage.at("/cache_creation/ephemeral_1h_input_tokens").asInt());
    assertEquals(30, usage.path("output_tokens").asInt());
    assertTrue(r.headers().firstValue("request-id").isPresent());
  }

  @Test
  void anthropicStreamHasItsEventSequenceAndCumulativeOutputTokens() throws Exception {
    List<SseEvent> events = SseEvents.parse(post("/v1/messages",
        "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":100,\"stream\":true}").body());
    assertEquals(List.of("message_start", "content_block_start", "ping", "content_block_delta", "content_block_delta",
        "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop"),
        events.stream().map(SseEvent::event).toList());
    JsonNode start = JSON.readTree(events.get(0).data()).path("message");
    assertEquals("claude-haiku-4-5", start.path("model").asText());
    assertEquals(65, start.at("/usage/input_tokens").asInt());
    assertEquals(40, start.at("/usage/cache_read_input_tokens").asInt());
    assertEquals(15, start.at("/usage/cache_creation_input_tokens").asInt());
    assertEquals(1, start.at("/usage/output_tokens").asInt());
    JsonNode delta = JSON.readTree(events.get(8).data());
    assertEquals("end_turn", delta.at("/delta/stop_reason").asText());
    assertEquals(30, delta.at("/usage/output_tokens").asInt());
    assertEquals(" fake1", JSON.readTree(events.get(4).data()).at("/delta/text").asText());
  }

  @Test
  void geminiAnswersJsonSseAndJsonArrayStreams() throws Exception {
    JsonNode json = JSON.readTree(post("/v1beta/models/gemini-2.5-flash:generateContent", "{\"contents\":[]}").body());
    assertEquals("gemini-2.5-flash", json.path("modelVersion").asText());
    assertEquals("STOP", json.at("/candidates/0/finishReason").asText());
    JsonNode meta = json.path("usageMetadata");
    assertEquals(120, meta.path("promptTokenCount").asInt());
    assertEquals(22, meta.path("candidatesTokenCount").asInt());
    assertEquals(8, meta.path("thoughtsTokenCount").asInt());
    assertEquals(40, meta.path("cachedContentTokenCount").asInt());
    assertEquals(150, meta.path("totalTokenCount").asInt());

    String sse = post("/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse", "{\"contents\":[]}").body();
    assertTrue(sse.contains("\r\n\r\n"), "Gemini frames end with CRLF CRLF");
    List<SseEvent> events = SseEvents.parse(sse);
    assertEquals(5, events.size()); // 4 text chunks and the final one
    assertFalse(JSON.readTree(events.get(0).data()).at("/usageMetadata").has("candidatesTokenCount"));
    JsonNode last = JSON.readTree(events.get(4).data());
    assertEquals("STOP", last.at("/candidates/0/finishReason").asText());
    assertEquals(22, last.at("/usageMetadata/candidatesTokenCount").asInt());

    JsonNode array = JSON.readTree(post("/v1beta/models/gemini-2.5-pro:streamGenerateContent", "{}").body());
    assertEquals(5, array.size());
    assertEquals(150, array.get(4).at("/usageMetadata/totalTokenCount").asInt());
  }

  @Test
  void requestHeaderOverridesUsageAndChunkCount() throws Exception {
    HttpResponse<String> r = post("/v1/chat/completions", "{\"model\":\"m\",\"stream\":true,"
        + "\"stream_options\":{\"include_usage\":true}}", Behaviour.HEADER, "input=7; output=3; chunks=2");
    List<SseEvent> events = SseEvents.parse(r.body());
    assertEquals(6, events.size());
    assertEquals(7, JSON.readTree(events.get(4).data()).at("/usage/prompt_tokens").asInt());
    assertEquals(3, JSON.readTree(events.get(4).data()).at("/usage/completion_tokens").asInt());
  }

  @Test
  void everyRequestIsRecordedAsSent() throws Exception {
    post("/v1/chat/completions", "{\"model\":\"gpt-4o\"}", "authorization", "Bearer sk-recorded");
    RecordedRequest request = provider.awaitRequests(1, Duration.ofSeconds(2)).get(0);
    assertEquals("POST", request.method());
    assertEquals("/v1/chat/completions", request.path());
    assertEquals("Bearer sk-recorded", request.header("Authorization"));
    assertEquals("gpt-4o", request.json().path("model").asText());
    assertEquals(Exchange.Outcome.COMPLETED,
        provider.awaitExchange(e -> e.outcome() != Exchange.Outcome.IN_PROGRESS, Duration.ofSeconds(2)).outcome());
  }

  @Test
  void unknownPathsGetTheProvidersNotFoundError() throws Exception {
    HttpResponse<String> r = post("/v1/nothing-here", "{}");
    assertEquals(404, r.statusCode());
    assertEquals("invalid_request_error", JSON.readTree(r.body()).at("/error/type").asText());
  }

  private static HttpResponse<String> post(String path, String json, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(provider.uri(path))
        .timeout(Duration.ofSeconds(5))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
