package dev.llmcost.agent.provider;

import static dev.llmcost.agent.provider.Payloads.load;
import static dev.llmcost.agent.provider.Payloads.parseEveryWay;
import static dev.llmcost.agent.provider.Payloads.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.agent.usage.Usage;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeminiCodecTest {
  private final GeminiCodec generate = new GeminiCodec(Api.GEMINI_GENERATE_CONTENT);
  private final GeminiCodec streamGenerate = new GeminiCodec(Api.GEMINI_STREAM_GENERATE_CONTENT);

  @Test
  void thinkingTokensAreBilledAsOutputAndReportedAsReasoning() {
    ResponseInfo info = parseEveryWay(generate, false, load("gemini/generate_content.json"));

    assertEquals(new Usage(12, 231 + 846, 0, 0, 0, 846, false), info.usage);
    assertEquals("mxCvaNPdN9W8z7IPtbi_4AQ", info.id);
    assertEquals("gemini-2.5-flash", info.model);
    assertEquals(List.of("STOP"), info.finishReasons);
    assertTrue(info.complete);
    assertEquals("", info.outputText.toString());
  }

  @Test
  void cachedContentTokensArePartOfThePromptCount() {
    ResponseInfo info = parseEveryWay(generate, false, load("gemini/generate_content_cached.json"));

    assertEquals(new Usage(12034, 18 + 28, 8192, 0, 0, 28, false), info.usage);
    assertEquals(3842, info.usage.uncachedInputTokens());
    assertEquals(List.of("MAX_TOKENS"), info.finishReasons);
  }

  @Test
  void sseStreamTakesTheLastUsageMetadataAndCollectsTheText() {
    ResponseInfo info = parseEveryWay(streamGenerate, true, load("gemini/stream.sse"));

    assertEquals(new Usage(10, 17 + 412, 0, 0, 0, 412, false), info.usage);
    assertEquals("AI** learns patterns from data** to make predictions — like 予測 🤖.", info.outputText.toString());
    assertEquals(List.of("STOP"), info.finishReasons);
    assertEquals("Wb3kaLqHCpW_nvgP5qG2iAQ", info.id);
    assertTrue(info.complete, "the chunk with a finish reason is the last");
    assertFalse(info.malformed);
  }

  @Test
  void jsonArrayStreamGivesTheSameResultAsSse() {
    ResponseInfo sse = parseEveryWay(streamGenerate, true, load("gemini/stream.sse"));
    ResponseInfo array = parseEveryWay(streamGenerate, false, load("gemini/stream_array.json"));

    assertEquals(Payloads.describe(sse), Payloads.describe(array));
  }

  @Test
  void aStreamCutBeforeItsLastChunkIsIncompleteWithTheUsageSoFar() {
    String stream = Payloads.text("gemini/stream.sse");
    byte[] cut = utf8(stream.substring(0, stream.lastIndexOf("data: ")));

    ResponseInfo info = parseEveryWay(streamGenerate, true, cut);

    assertFalse(info.complete);
    assertEquals(new Usage(10, 412, 0, 0, 0, 412, false), info.usage);
  }

  @Test
  void anErrorBodyReportsTheStatusName() {
    ResponseInfo info = parseEveryWay(generate, false, load("gemini/error_quota.json"));

    assertEquals("RESOURCE_EXHAUSTED", info.errorType);
    assertNull(info.usage);
  }

  @Test
  void modelIsTakenFromThePath() {
    assertEquals("gemini-2.5-flash", GeminiCodec.modelFromPath("/v1beta/models/gemini-2.5-flash:generateContent"));
    assertEquals("gemini-2.0-flash-001", GeminiCodec.modelFromPath(
        "/v1/projects/my-proj/locations/us-central1/publishers/google/models/gemini-2.0-flash-001:streamGenerateContent?alt=sse"));
    assertNull(GeminiCodec.modelFromPath("/v1beta/models"));
    assertNull(GeminiCodec.modelFromPath("/v1beta/models/:generateContent"));
    assertNull(GeminiCodec.modelFromPath(""));
    assertNull(GeminiCodec.modelFromPath(null));
  }

  @Test
  void requestIsPlausibleWithoutAModelAndStreamingComesFromTheEndpoint() {
    byte[] body = load("gemini/request.json");

    RequestInfo plain = generate.readRequest(body, body.length);
    RequestInfo streamed = streamGenerate.readRequest(body, body.length);

    assertTrue(plain.plausible());
    assertNull(plain.model());
    assertEquals(Boolean.FALSE, plain.stream());
    assertEquals(Boolean.TRUE, streamed.stream());
    assertEquals(800L, plain.maxTokens());
    assertEquals(1.0, plain.temperature());
    assertEquals(0.8, plain.topP());
    assertEquals("You are a cat. Your name is Neko.\nHello there\nMeow? Purr.\nExplain how AI works in a few words",
        plain.promptText());
  }

  /** The Gemini API reports no tokens for embeddings: the texts are kept for the estimate. */
  @Test
  void embeddingsRequestsGiveTheirTextsAndTheirAnswersNoUsage() {
    GeminiCodec embed = new GeminiCodec(Api.GEMINI_EMBED_CONTENT);
    GeminiCodec batch = new GeminiCodec(Api.GEMINI_BATCH_EMBED_CONTENTS);
    byte[] one = utf8("{\"content\":{\"parts\":[{\"text\":\"What is the meaning of life?\"}]},"
        + "\"taskType\":\"RETRIEVAL_QUERY\"}");
    byte[] several = utf8("{\"requests\":[{\"model\":\"models/gemini-embedding-001\","
        + "\"content\":{\"parts\":[{\"text\":\"first text\"}]}},{\"model\":\"models/gemini-embedding-001\","
        + "\"content\":{\"parts\":[{\"text\":\"second text\"}]}}]}");

    RequestInfo single = embed.readRequest(one, one.length);
    RequestInfo many = batch.readRequest(several, several.length);
    assertTrue(single.plausible());
    assertEquals("What is the meaning of life?", single.promptText());
    assertTrue(many.plausible());
    assertEquals("first text\nsecond text", many.promptText());
    assertFalse(embed.readRequest(utf8("{\"contents\":[]}"), 14).plausible(), "not an embedding request");

    ResponseInfo answer = parseEveryWay(batch, false,
        utf8("{\"embeddings\":[{\"values\":[0.1,-0.2,0.3]},{\"values\":[0.4,0.5,-0.6]}]}"));
    assertNull(answer.usage);
    assertTrue(answer.complete);
    ResponseInfo withUsage = parseEveryWay(embed, false,
        utf8("{\"embedding\":{\"values\":[0.1]},\"usageMetadata\":{\"promptTokenCount\":7}}"));
    assertEquals(new Usage(7, 0, 0, 0, 0, 0, false), withUsage.usage);
  }
}
