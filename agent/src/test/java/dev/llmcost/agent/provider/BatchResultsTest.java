package dev.llmcost.agent.provider;

import static dev.llmcost.agent.provider.Payloads.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.agent.usage.Usage;
import org.junit.jupiter.api.Test;

/** Batch endpoints are recognised, and their results files read line by line, in any chunking. */
class BatchResultsTest {
  // Lines as in OpenAI's Batch guide: one chat completion, one failed request.
  static final String OPENAI_OUTPUT = ""
      + "{\"id\":\"batch_req_1\",\"custom_id\":\"request-1\",\"response\":{\"status_code\":200,"
      + "\"request_id\":\"req_1\",\"body\":{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\","
      + "\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
      + "\"assistant\",\"content\":\"Hello.\"},\"finish_reason\":\"stop\"}],\"usage\":{"
      + "\"prompt_tokens\":1200,\"completion_tokens\":300,\"total_tokens\":1500,"
      + "\"prompt_tokens_details\":{\"cached_tokens\":1024},"
      + "\"completion_tokens_details\":{\"reasoning_tokens\":0}}}},\"error\":null}\n"
      + "{\"id\":\"batch_req_2\",\"custom_id\":\"request-2\",\"response\":{\"status_code\":200,"
      + "\"body\":{\"object\":\"chat.completion\",\"model\":\"gpt-4o-mini-2024-07-18\","
      + "\"usage\":{\"prompt_tokens\":800,\"completion_tokens\":200}}},\"error\":null}\n"
      + "{\"id\":\"batch_req_3\",\"custom_id\":\"request-3\",\"response\":{\"status_code\":400,"
      + "\"body\":{\"error\":{\"message\":\"bad\",\"type\":\"invalid_request_error\"}}},"
      + "\"error\":null}\n";
  // Lines as in Anthropic's Message Batches docs: succeeded (two models), errored, expired.
  static final String ANTHROPIC_RESULTS = ""
      + "{\"custom_id\":\"a\",\"result\":{\"type\":\"succeeded\",\"message\":{\"id\":\"msg_1\","
      + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-haiku-4-5\",\"content\":"
      + "[{\"type\":\"text\",\"text\":\"Hi\"}],\"stop_reason\":\"end_turn\",\"usage\":{"
      + "\"input_tokens\":100,\"cache_read_input_tokens\":2000,\"cache_creation_input_tokens\":"
      + "500,\"cache_creation\":{\"ephemeral_5m_input_tokens\":300,"
      + "\"ephemeral_1h_input_tokens\":200},\"output_tokens\":40}}}}\n"
      + "{\"custom_id\":\"b\",\"result\":{\"type\":\"succeeded\",\"message\":{\"model\":"
      + "\"claude-sonnet-4-5\",\"usage\":{\"input_tokens\":1000,\"output_tokens\":100}}}}\n"
      + "{\"custom_id\":\"c\",\"result\":{\"type\":\"errored\",\"error\":{\"type\":\"error\","
      + "\"error\":{\"type\":\"invalid_request_error\",\"message\":\"x\"}}}}\n"
      + "{\"custom_id\":\"d\",\"result\":{\"type\":\"expired\"}}";

  private static ResponseParser parser(Api api) {
    return Endpoints.codecFor(api).newResponseParser(false, null);
  }

  @Test
  void batchEndpointsAreRecognisedByMethodAndPath() {
    Endpoints e = Endpoints.defaults();
    assertEquals(Api.OPENAI_BATCH_CREATE, e.match("https", "api.openai.com", 443, "/v1/batches").api());
    assertEquals(Api.ANTHROPIC_BATCH_CREATE,
        e.match("https", "api.anthropic.com", 443, "/v1/messages/batches").api());
    assertEquals(Api.ANTHROPIC_MESSAGES,
        e.match("https", "api.anthropic.com", 443, "/v1/messages").api());
    Endpoint results = e.matchBatchResults("api.anthropic.com",
        "/v1/messages/batches/msgbatch_01/results");
    assertEquals(Api.ANTHROPIC_BATCH_RESULTS, results.api());
    assertEquals("anthropic", results.provider());
    assertEquals(Api.OPENAI_BATCH_RESULTS,
        e.matchBatchResults("api.openai.com", "/v1/files/file-abc/content").api());
    assertEquals(Api.OPENAI_BATCH_RESULTS, e.matchBatchResults("my.openai.azure.com",
        "/openai/files/file-abc/content?api-version=2024-10-21").api());
    assertNull(e.matchBatchResults("example.com", "/api/files/123/content"), "not an OpenAI file");
    assertNull(e.matchBatchResults("api.openai.com", "/v1/batches/batch_1"));
    assertNull(e.matchBatchResults("example.com", "/index.html"));
  }

  @Test
  void openAiOutputFileIsPricedLineByLineLeavingOutFailedRequests() {
    for (int size : new int[] {1, 7, 64, 100_000}) {
      ResponseInfo info = Payloads.feed(parser(Api.OPENAI_BATCH_RESULTS), utf8(OPENAI_OUTPUT), size);
      assertNotNull(info.batch);
      assertEquals(2, info.batch.billed(), "chunk size " + size);
      assertEquals(1, info.batch.notBilled());
      assertEquals(new Usage(2000, 500, 1024, 0, 0, 0, false), info.usage);
      assertEquals("gpt-4o-mini-2024-07-18", info.model);
      assertTrue(info.complete);
    }
  }

  @Test
  void anthropicResultsKeepTokensPerModelWithCacheTokensAddedToInput() {
    ResponseInfo info = Payloads.feed(parser(Api.ANTHROPIC_BATCH_RESULTS),
        utf8(ANTHROPIC_RESULTS), 13);
    assertEquals(2, info.batch.billed());
    assertEquals(2, info.batch.notBilled());
    assertEquals(new Usage(2600, 40, 2000, 300, 200, 0, false),
        info.batch.usageByModel().get("claude-haiku-4-5"));
    assertEquals(new Usage(1000, 100, 0, 0, 0, 0, false),
        info.batch.usageByModel().get("claude-sonnet-4-5"));
    assertEquals("claude-haiku-4-5", info.model);
  }

  @Test
  void aFileCutInALineCountsOnlyTheWholeLines() {
    String cut = OPENAI_OUTPUT.substring(0, OPENAI_OUTPUT.indexOf("batch_req_2") + 40);
    ResponseInfo info = Payloads.feed(parser(Api.OPENAI_BATCH_RESULTS), utf8(cut), 50);
    assertEquals(1, info.batch.billed());
    assertFalse(info.complete);
  }

  @Test
  void aFileThatIsNotBatchOutputHasNoResults() {
    ResponseInfo info = Payloads.feed(parser(Api.OPENAI_BATCH_RESULTS),
        utf8("{\"messages\":[{\"role\":\"user\",\"content\":\"train me\"}]}\n"), 16);
    assertEquals(0, info.batch.billed() + info.batch.notBilled());
    assertNull(info.usage);
  }

  @Test
  void submissionsAnswerWithTheBatchId() {
    ResponseInfo info = Payloads.feed(parser(Api.ANTHROPIC_BATCH_CREATE), utf8(
        "{\"id\":\"msgbatch_01\",\"type\":\"message_batch\",\"processing_status\":\"in_progress\","
            + "\"request_counts\":{\"processing\":2,\"succeeded\":0}}"), 8);
    assertEquals("msgbatch_01", info.id);
    assertNull(info.usage);
    RequestInfo request = Endpoints.codecFor(Api.OPENAI_BATCH_CREATE).readRequest(
        utf8("{\"input_file_id\":\"file-1\",\"endpoint\":\"/v1/chat/completions\","
            + "\"completion_window\":\"24h\"}"), 200);
    assertTrue(request.plausible());
  }
}
