package dev.llmcost.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Batches complete at once; their results files are JSON Lines in each provider's format. */
class FakeBatchesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private HttpResponse<String> send(FakeProvider p, String method, String path, String body)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(p.uri(path)).header("content-type", "application/json");
    b = body == null ? b.GET() : b.method(method, HttpRequest.BodyPublishers.ofString(body));
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static List<JsonNode> lines(String jsonl) throws Exception {
    List<JsonNode> out = new java.util.ArrayList<>();
    for (String line : jsonl.split("\n")) {
      out.add(JSON.readTree(line));
    }
    return out;
  }

  @Test
  void openAiBatchOutputFileHoldsOneChatCompletionPerRequest() throws Exception {
    try (FakeProvider p = FakeProvider.start()) {
      p.setDefaultBehaviour(Behaviour.normal().withUsage(FakeUsage.of(100, 20).withCacheRead(64)).withChunks(3));
      JsonNode batch = JSON.readTree(send(p, "POST", "/v1/batches", "{\"input_file_id\":\"file-1\","
          + "\"endpoint\":\"/v1/chat/completions\",\"completion_window\":\"24h\","
          + "\"metadata\":{\"model\":\"gpt-4.1-mini\"}}").body());
      assertEquals("completed", batch.path("status").asText());
      assertEquals(batch, JSON.readTree(send(p, "GET", "/v1/batches/" + batch.path("id").asText(), null).body()));
      HttpResponse<String> file = send(p, "GET", "/v1/files/" + batch.path("output_file_id").asText() + "/content", null);
      assertEquals(200, file.statusCode());
      List<JsonNode> lines = lines(file.body());
      assertEquals(3, lines.size());
      for (JsonNode line : lines) {
        assertEquals(200, line.at("/response/status_code").asInt());
        assertEquals("gpt-4.1-mini", line.at("/response/body/model").asText());
        assertEquals(100, line.at("/response/body/usage/prompt_tokens").asInt());
        assertEquals(64, line.at("/response/body/usage/prompt_tokens_details/cached_tokens").asInt());
      }
      assertEquals(404, send(p, "GET", "/v1/files/file-out-nope/content", null).statusCode());
    }
  }

  @Test
  void anthropicResultsHoldOneMessagePerRequestWithItsModel() throws Exception {
    try (FakeProvider p = FakeProvider.start()) {
      p.setUsage(FakeUsage.of(1000, 50).withCacheRead(600).withCacheWrite(100));
      JsonNode batch = JSON.readTree(send(p, "POST", "/v1/messages/batches", "{\"requests\":["
          + "{\"custom_id\":\"a\",\"params\":{\"model\":\"claude-haiku-4-5\",\"max_tokens\":9,\"messages\":[]}},"
          + "{\"custom_id\":\"b\",\"params\":{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":9,\"messages\":[]}}]}").body());
      assertEquals("message_batch", batch.path("type").asText());
      assertEquals("ended", batch.path("processing_status").asText());
      List<JsonNode> lines = lines(send(p, "GET", batch.path("results_url").asText(), null).body());
      assertEquals(2, lines.size());
      assertEquals("a", lines.get(0).path("custom_id").asText());
      assertEquals("succeeded", lines.get(0).at("/result/type").asText());
      assertEquals("claude-sonnet-4-5", lines.get(1).at("/result/message/model").asText());
      assertEquals(300, lines.get(1).at("/result/message/usage/input_tokens").asInt());
      assertEquals(600, lines.get(1).at("/result/message/usage/cache_read_input_tokens").asInt());
    }
  }
}
