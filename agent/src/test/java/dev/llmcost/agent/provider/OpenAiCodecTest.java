package dev.llmcost.agent.provider;

import static dev.llmcost.agent.provider.Payloads.load;
import static dev.llmcost.agent.provider.Payloads.parseEveryWay;
import static dev.llmcost.agent.provider.Payloads.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.agent.usage.Usage;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiCodecTest {
  private final OpenAiCodec chat = new OpenAiCodec(Api.OPENAI_CHAT_COMPLETIONS);
  private final OpenAiCodec completions = new OpenAiCodec(Api.OPENAI_COMPLETIONS);
  private final OpenAiCodec responses = new OpenAiCodec(Api.OPENAI_RESPONSES);
  private final OpenAiCodec embeddings = new OpenAiCodec(Api.OPENAI_EMBEDDINGS);

  // ---- Chat Completions

  @Test
  void chatCompletionInputTokensAlreadyIncludeCachedTokens() {
    ResponseInfo info = parseEveryWay(chat, false, load("openai/chat_completion.json"));

    assertEquals(new Usage(1117, 46, 1024, 0, 0, 0, false), info.usage);
    assertEquals(93, info.usage.uncachedInputTokens());
    assertEquals("chatcmpl-BwQ7kX3c9sZqT2nLrVh8yF1aPeG4d", info.id);
    assertEquals("gpt-4o-2024-08-06", info.model);
    assertEquals(List.of("stop"), info.finishReasons);
    assertEquals("default", info.serviceTier);
    assertTrue(info.complete);
    assertFalse(info.malformed);
    assertEquals("", info.outputText.toString(), "whole bodies carry usage; no text is kept");
  }

  @Test
  void reasoningTokensAreReportedAsPartOfOutputAndEveryChoiceFinishReasonIsKept() {
    ResponseInfo info = parseEveryWay(chat, false, load("openai/chat_completion_reasoning.json"));

    assertEquals(new Usage(75, 1186, 0, 0, 0, 1024, false), info.usage);
    assertEquals(List.of("stop", "length"), info.finishReasons);
  }

  @Test
  void toolCallResponsesFinishWithToolCalls() {
    ResponseInfo info = parseEveryWay(chat, false, load("openai/chat_completion_tool_call.json"));

    assertEquals(List.of("tool_calls"), info.finishReasons);
    assertEquals(new Usage(82, 19, 0, 0, 0, 0, false), info.usage);
  }

  @Test
  void chatStreamTakesUsageFromTheFinalChunkWithEmptyChoices() {
    ResponseInfo info = parseEveryWay(chat, true, load("openai/chat_stream_include_usage.sse"));

    assertEquals(new Usage(19, 10, 0, 0, 0, 0, false), info.usage);
    assertEquals("Hello! Grüße aus Tokio 東京 🌸. How can I help?", info.outputText.toString());
    assertEquals(List.of("stop"), info.finishReasons);
    assertEquals("gpt-4o-mini-2024-07-18", info.model);
    assertEquals("chatcmpl-BwQF9tR4sE3wQ2aZ1xC0vB9nM8lK7", info.id);
    assertTrue(info.complete, "[DONE] arrived");
    assertFalse(info.malformed);
  }

  /**
   * By default a chunk that only adds text waits unread: a stream that ends with its usage never
   * reads it; one cut before its usage reads it all at the end, for the estimate.
   */
  @Test
  void textOnlyChunksAreReadOnlyWhenTheStreamEndsWithoutItsUsage() {
    byte[] stream = load("openai/chat_stream_include_usage.sse");
    ResponseInfo whole = Payloads.feed(chat.newResponseParser(true, null, false), stream, 64);
    assertEquals(new Usage(19, 10, 0, 0, 0, 0, false), whole.usage);
    assertEquals(List.of("stop"), whole.finishReasons);
    assertEquals("gpt-4o-mini-2024-07-18", whole.model);
    assertEquals("", whole.outputText.toString(), "the text was never needed, so never read");

    String text = new String(stream, java.nio.charset.StandardCharsets.UTF_8);
    byte[] cut = utf8(text.substring(0, text.indexOf("\"finish_reason\":\"stop\"")));
    ResponseInfo cutShort = Payloads.feed(chat.newResponseParser(true, null, false), cut, 64);
    assertNull(cutShort.usage);
    assertFalse(cutShort.complete);
    assertEquals("Hello! Grüße aus Tokio 東京 🌸. How can I help?".substring(0, 10),
        cutShort.outputText.toString().substring(0, 10), "read at the end, in order");
    assertEquals(Payloads.feed(chat.newResponseParser(true, null, true), cut, 64).outputText.toString(),
        cutShort.outputText.toString(), "the same text as when read as it comes");
  }

  /** Past the cap on unread events they are read in order, then the rest as they come. */
  @Test
  void aLongStreamCutShortKeepsAllItsTextInOrderPastTheCapOnUnreadEvents() {
    StringBuilder sse = new StringBuilder();
    StringBuilder expected = new StringBuilder();
    for (int i = 0; sse.length() < 3 * PendingEvents.MAX_BYTES; i++) {
      String word = (i == 0 ? "" : " ") + "w" + i;
      expected.append(word);
      sse.append("data: {\"id\":\"c1\",\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"")
          .append(word).append("\"},\"finish_reason\":null}],\"usage\":null}\n\n");
    }
    ResponseInfo cut = Payloads.feed(chat.newResponseParser(true, null, false), utf8(sse.toString()), 1000);
    assertNull(cut.usage);
    assertEquals(expected.toString(), cut.outputText.toString());
  }

  @Test
  void chatStreamWithoutIncludeUsageHasNoUsageButKeepsTheTextForEstimation() {
    ResponseInfo info = parseEveryWay(chat, true, load("openai/chat_stream_no_usage.sse"));

    assertNull(info.usage);
    assertEquals("The answer is 42.", info.outputText.toString());
    assertTrue(info.complete);
  }

  /** Groq reports a stream's usage under x_groq in its last chunk, without stream_options. */
  @Test
  void groqStreamUsageIsReadFromXGroq() {
    ResponseInfo info = parseEveryWay(chat, true, load("openai/groq_chat_stream_x_groq_usage.sse"));

    assertEquals(new Usage(42, 3, 0, 0, 0, 0, false), info.usage);
    assertEquals("llama-3.3-70b-versatile", info.model);
    assertEquals(List.of("stop"), info.finishReasons);
    assertTrue(info.complete);
    assertFalse(info.malformed);
  }

  /** The conventions want one finish reason per choice, in order, repeated ones included. */
  @Test
  void everyStreamedChoiceKeepsItsOwnFinishReason() {
    ResponseInfo info = parseEveryWay(chat, true, load("openai/chat_stream_n3.sse"));

    assertEquals(List.of("stop", "stop", "length"), info.finishReasons);
    assertEquals(new Usage(12, 7, 0, 0, 0, 0, false), info.usage);
  }

  @Test
  void everyChoiceOfAWholeBodyKeepsItsFinishReasonEvenWhenTheyAreAlike() {
    String body = "{\"id\":\"chatcmpl-n3\",\"object\":\"chat.completion\",\"model\":\"gpt-4o-mini\","
        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"a\"},"
        + "\"finish_reason\":\"stop\"},{\"index\":1,\"message\":{\"role\":\"assistant\","
        + "\"content\":\"b\"},\"finish_reason\":\"stop\"},{\"index\":2,\"message\":{\"role\":"
        + "\"assistant\",\"content\":\"c\"},\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":3,\"total_tokens\":12}}";
    ResponseInfo info = parseEveryWay(chat, false, utf8(body));

    assertEquals(List.of("stop", "stop", "stop"), info.finishReasons);
  }

  @Test
  void aStreamRepeatingFinishReasonsKeepsABoundedList() {
    StringBuilder stream = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      stream.append("data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
    }
    ResponseInfo info = Payloads.feed(chat.newResponseParser(true, null, false), utf8(stream.toString()), 4096);

    assertEquals(ResponseInfo.MAX_FINISH_REASONS, info.finishReasons.size());
  }

  @Test
  void streamedToolCallArgumentsCountAsOutputText() {
    ResponseInfo info = parseEveryWay(chat, true, load("openai/chat_stream_tool_call.sse"));

    assertEquals("{\"location\":\"Paris, France\"}", info.outputText.toString());
    assertEquals(List.of("tool_calls"), info.finishReasons);
    assertEquals(new Usage(81, 17, 0, 0, 0, 0, false), info.usage);
  }

  @Test
  void anErrorFrameInAChatStreamSetsTheErrorTypeAndLeavesItIncomplete() {
    ResponseInfo info = parseEveryWay(chat, true, load("openai/chat_stream_error.sse"));

    assertEquals("server_error", info.errorType);
    assertEquals("Once", info.outputText.toString());
    assertFalse(info.complete);
    assertNull(info.usage);
  }

  @Test
  void aRateLimitErrorBodyReportsItsCodeAndAServerErrorItsType() {
    assertEquals("rate_limit_exceeded", parseEveryWay(chat, false, load("openai/error_rate_limit.json")).errorType);
    assertEquals("server_error", parseEveryWay(chat, false, load("openai/error_server.json")).errorType);
  }

  @Test
  void aChatStreamCutMidEventKeepsWhatTheEarlierEventsSaid() {
    String stream = Payloads.text("openai/chat_stream_include_usage.sse");
    int cut = stream.indexOf("\"prompt_tokens\"");

    ResponseInfo info = parseEveryWay(chat, true, utf8(stream.substring(0, cut)));

    assertEquals("Hello! Grüße aus Tokio 東京 🌸. How can I help?", info.outputText.toString());
    assertEquals(List.of("stop"), info.finishReasons);
    assertNull(info.usage, "the half-received usage chunk is discarded");
    assertFalse(info.complete);
    assertFalse(info.malformed);
  }

  @Test
  void unknownSseEventsCommentsAndNonJsonDataAreIgnored() {
    String stream = Payloads.text("openai/chat_stream_include_usage.sse");
    String noisy = ": OPENROUTER PROCESSING\n\n" + stream.replace("data: [DONE]",
        "event: keepalive\ndata: {\"status\":\"alive\"}\n\ndata: heartbeat\n\n: bye\ndata: [DONE]");

    String expected = Payloads.describe(parseEveryWay(chat, true, utf8(stream)));

    assertEquals(expected, Payloads.describe(parseEveryWay(chat, true, utf8(noisy))));
  }

  @Test
  void aTruncatedChatBodyKeepsTheCountsReadSoFarAndIsNotComplete() {
    String body = Payloads.text("openai/chat_completion.json");
    int cut = body.indexOf("\"completion_tokens\"");

    ResponseInfo info = parseEveryWay(chat, false, utf8(body.substring(0, cut)));

    assertEquals(new Usage(1117, 0, 0, 0, 0, 0, false), info.usage);
    assertFalse(info.complete);
    assertFalse(info.malformed, "cut short is not malformed");
  }

  @Test
  void malformedJsonIsFlaggedInsteadOfThrown() {
    ResponseInfo info = parseEveryWay(chat, false,
        utf8("{\"id\":\"chatcmpl-1\",\"model\":\"gpt-4o\",\"usage\":{\"prompt_tokens\":12,, }}"));

    assertTrue(info.malformed);
    assertEquals("chatcmpl-1", info.id);
    assertFalse(info.complete);
  }

  @Test
  void anHtmlErrorPageIsMalformed() {
    ResponseInfo info = parseEveryWay(chat, false, utf8("<html><body>502 Bad Gateway</body></html>"));

    assertTrue(info.malformed);
    assertNull(info.usage);
  }

  @Test
  void brokenJsonInOneEventFlagsTheStreamButLaterEventsStillCount() {
    String stream = "data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\n"
        + "data: {\"choices\":[{\"delta\":{\"content\":\n\n"
        + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1}}\n\n"
        + "data: [DONE]\n\n";

    ResponseInfo info = parseEveryWay(chat, true, utf8(stream));

    assertTrue(info.malformed);
    assertEquals(new Usage(3, 1, 0, 0, 0, 0, false), info.usage);
    assertTrue(info.complete);
  }

  @Test
  void deepSeekCacheHitTokensCountAsCacheReads() {
    String body = "{\"id\":\"x\",\"model\":\"deepseek-chat\",\"choices\":[{\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":7,\"total_tokens\":107,"
        + "\"prompt_cache_hit_tokens\":64,\"prompt_cache_miss_tokens\":36}}";

    assertEquals(new Usage(100, 7, 64, 0, 0, 0, false), parseEveryWay(chat, false, utf8(body)).usage);
  }

  // ---- Legacy Completions

  @Test
  void legacyCompletionsReportUsageAndStreamedText() {
    ResponseInfo whole = parseEveryWay(completions, false, load("openai/completion.json"));
    ResponseInfo stream = parseEveryWay(completions, true, load("openai/completion_stream.sse"));

    assertEquals(new Usage(5, 12, 0, 0, 0, 0, false), whole.usage);
    assertEquals(List.of("length"), whole.finishReasons);
    assertEquals(new Usage(5, 6, 0, 0, 0, 0, false), stream.usage);
    assertEquals("\n\nThis is a test.", stream.outputText.toString());
    assertTrue(stream.complete);
  }

  // ---- Responses API

  @Test
  void responsesApiReportsUsageAndACompletedStatusAsStop() {
    ResponseInfo info = parseEveryWay(responses, false, load("openai/responses.json"));

    assertEquals(new Usage(36, 87, 0, 0, 0, 0, false), info.usage);
    assertEquals("resp_67ccd2bed1ec8190b14f964abc0542670bb6a6b452d3795b", info.id);
    assertEquals("gpt-4.1-2025-04-14", info.model);
    assertEquals(List.of("stop"), info.finishReasons);
    assertEquals("default", info.serviceTier);
    assertTrue(info.complete);
    assertNull(info.errorType);
  }

  @Test
  void anIncompleteResponseFinishesWithItsReasonAndCountsReasoningAndCachedTokens() {
    ResponseInfo info = parseEveryWay(responses, false, load("openai/responses_reasoning_incomplete.json"));

    assertEquals(new Usage(2412, 300, 2048, 0, 0, 300, false), info.usage);
    assertEquals(List.of("max_output_tokens"), info.finishReasons);
    assertEquals("flex", info.serviceTier);
  }

  @Test
  void responsesStreamCollectsDeltasAndTakesUsageFromResponseCompleted() {
    ResponseInfo info = parseEveryWay(responses, true, load("openai/responses_stream.sse"));

    assertEquals(new Usage(37, 14, 0, 0, 0, 0, false), info.usage);
    assertEquals("Hi there! Ça va — 你好? How can I help?", info.outputText.toString());
    assertEquals("resp_68a1f3c2b4d08191a9e6c5f3b2a1d0e9087f6e5d4c3b2a19", info.id);
    assertEquals("gpt-4.1-mini-2025-04-14", info.model);
    assertEquals(List.of("stop"), info.finishReasons);
    assertEquals("default", info.serviceTier, "the tier of response.completed, not the requested 'auto'");
    assertTrue(info.complete);
    assertFalse(info.malformed);
  }

  @Test
  void responsesStreamEndingIncompleteIsCompleteWithItsReason() {
    ResponseInfo info = parseEveryWay(responses, true, load("openai/responses_stream_incomplete.sse"));

    assertEquals(new Usage(1536, 16, 1280, 0, 0, 13, false), info.usage);
    assertEquals(List.of("max_output_tokens"), info.finishReasons);
    assertEquals("Once upon a", info.outputText.toString());
    assertTrue(info.complete);
  }

  @Test
  void aFailedResponseStreamReportsTheResponseErrorCode() {
    ResponseInfo info = parseEveryWay(responses, true, load("openai/responses_stream_failed.sse"));

    assertEquals("server_error", info.errorType);
    assertEquals(List.of("error"), info.finishReasons);
    assertTrue(info.complete);
    assertNull(info.usage);
  }

  @Test
  void anErrorEventInAResponsesStreamReportsItsCode() {
    ResponseInfo info = parseEveryWay(responses, true, load("openai/responses_stream_error_event.sse"));

    assertEquals("rate_limit_exceeded", info.errorType);
    assertFalse(info.complete);
  }

  @Test
  void aStreamsTextKeepsItsOrderWhenItsLastChunkCarriesTextBesideItsFinishReason() {
    // Text-only chunks wait unread; the last one (with its finish reason) is read at once. Read
    // late, the waiting ones still go before it: the estimate counts the text as it was sent.
    String stream = "data: {\"id\":\"c1\",\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"},\"finish_reason\":null}]}\n\n"
        + "data: {\"id\":\"c1\",\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo, \"},\"finish_reason\":null}]}\n\n"
        + "data: {\"id\":\"c1\",\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"world\"},\"finish_reason\":\"stop\"}]}\n\n"
        + "data: [DONE]\n\n";

    ResponseInfo info = parseEveryWay(chat, true, utf8(stream));

    assertEquals("Hello, world", info.outputText.toString());
    assertEquals("gpt-4o-mini", info.model);
    assertEquals("c1", info.id);
    assertEquals(List.of("stop"), info.finishReasons);
    assertNull(info.usage);
  }

  @Test
  void aResponsesStreamWhoseEventsNameTheirTypeOnlyInTheSseFieldStillCollectsText() {
    String stream = "event: response.output_text.delta\ndata: {\"delta\":\"Hel\",\"type\":\"response.output_text.delta\"}\n\n"
        + "data: {\"delta\":\"lo\",\"type\":\"response.output_text.delta\"}\n\n"
        + "data: {\"delta\":\"thinking...\",\"type\":\"response.reasoning_summary_text.delta\"}\n\n";

    assertEquals("Hello", parseEveryWay(responses, true, utf8(stream)).outputText.toString());
  }

  // ---- Embeddings

  @Test
  void embeddingsReportInputTokensOnly() {
    ResponseInfo info = parseEveryWay(embeddings, false, load("openai/embeddings.json"));

    assertEquals(new Usage(17, 0, 0, 0, 0, 0, false), info.usage);
    assertEquals("text-embedding-3-small", info.model);
    assertTrue(info.complete);
  }

  // ---- Requests

  @Test
  void aModelNameLongerThanAnyRealOneIsCut() {
    String junk = "m".repeat(100_000);
    byte[] body = utf8("{\"model\":\"" + junk + "\",\"messages\":[]}");
    assertEquals(JsonScanner.Value.MAX_NAME_CHARS, chat.readRequest(body, body.length).model().length());
    ResponseInfo answer = parseEveryWay(chat, false, utf8("{\"id\":\"c\",\"model\":\"" + junk
        + "\",\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}"));
    assertEquals("m".repeat(JsonScanner.Value.MAX_NAME_CHARS), answer.model);
  }

  @Test
  void chatRequestYieldsModelSettingsAndPromptTextFromStringAndPartContent() {
    byte[] body = load("openai/chat_request.json");

    RequestInfo info = chat.readRequest(body, body.length);

    assertEquals("gpt-4o-mini", info.model());
    assertEquals(Boolean.TRUE, info.stream());
    assertTrue(info.includeUsage());
    assertEquals(256L, info.maxTokens(), "max_completion_tokens wins over the deprecated max_tokens");
    assertEquals(0.2, info.temperature());
    assertEquals(0.9, info.topP());
    assertTrue(info.plausible());
    assertEquals("You are a terse assistant. Answer in one sentence.\nWhat is in this image?\n"
        + "A single transparent pixel.\nUnd auf Deutsch, bitte? 🙏", info.promptText());
  }

  @Test
  void responsesRequestPromptIncludesInstructionsInputAndToolOutput() {
    byte[] body = load("openai/responses_request.json");

    RequestInfo info = responses.readRequest(body, body.length);

    assertEquals("gpt-4.1", info.model());
    assertEquals(1024L, info.maxTokens());
    assertEquals(0.7, info.temperature());
    assertTrue(info.plausible());
    assertEquals("Talk like a pirate.\nAre semicolons optional in JavaScript?\nAnswer briefly.\n{\"lint\":\"ok\"}",
        info.promptText());
  }

  @Test
  void embeddingsAndCompletionsRequestsReadTheirInputText() {
    byte[] e = load("openai/embeddings_request.json");
    byte[] c = load("openai/completion_request.json");

    RequestInfo embeddingsRequest = embeddings.readRequest(e, e.length);
    RequestInfo completionRequest = completions.readRequest(c, c.length);

    assertTrue(embeddingsRequest.plausible());
    assertEquals("The food was delicious and the waiter was friendly.\nLe repas était délicieux.",
        embeddingsRequest.promptText());
    assertTrue(completionRequest.plausible());
    assertEquals(7L, completionRequest.maxTokens());
    assertEquals(Boolean.FALSE, completionRequest.stream());
    assertEquals("Say this is a test\nAnd this too", completionRequest.promptText());
  }

  @Test
  void aTruncatedRequestStillYieldsWhatItsFirstBytesSay() {
    byte[] body = load("openai/chat_request.json");
    int cut = new String(body, java.nio.charset.StandardCharsets.UTF_8).indexOf("What is in");

    RequestInfo info = chat.readRequest(body, cut);

    assertEquals("gpt-4o-mini", info.model());
    assertTrue(info.plausible());
    assertEquals("You are a terse assistant. Answer in one sentence.", info.promptText());
  }

  @Test
  void bodiesThatAreNotChatRequestsAreImplausible() {
    byte[] noMessages = utf8("{\"model\":\"gpt-4o\",\"input\":\"hi\"}");
    byte[] noModel = utf8("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    byte[] form = utf8("grant_type=client_credentials&scope=read");
    byte[] array = utf8("[{\"model\":\"gpt-4o\"}]");

    assertFalse(chat.readRequest(noMessages, noMessages.length).plausible());
    assertFalse(chat.readRequest(noModel, noModel.length).plausible());
    assertEquals(RequestInfo.UNKNOWN, chat.readRequest(form, form.length));
    assertEquals(RequestInfo.UNKNOWN, chat.readRequest(array, array.length));
    assertEquals(RequestInfo.UNKNOWN, chat.readRequest(null, 10));
    assertEquals(RequestInfo.UNKNOWN, chat.readRequest(new byte[0], 0));
  }

  @Test
  void aRequestLengthBeyondTheArrayIsClippedNotThrown() {
    byte[] body = load("openai/completion_request.json");

    assertEquals("gpt-3.5-turbo-instruct", completions.readRequest(body, body.length + 100).model());
    assertEquals(RequestInfo.UNKNOWN, completions.readRequest(body, -5));
  }

  @Test
  void promptTextIsCappedAtOneMegabyteOfChars() {
    char[] huge = new char[3 << 20];
    Arrays.fill(huge, 'a');
    byte[] body = utf8("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"" + new String(huge)
        + "\"},{\"role\":\"user\",\"content\":\"more\"}]}");

    RequestInfo info = chat.readRequest(body, body.length);

    assertEquals(1 << 20, info.promptText().length());
    assertTrue(info.plausible());
  }

  @Test
  void azureDeploymentIsTakenFromThePath() {
    assertEquals("gpt-4o-prod", OpenAiCodec.deploymentFromPath(
        "/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-10-21"));
    assertNull(OpenAiCodec.deploymentFromPath("/openai/v1/responses"));
    assertNull(OpenAiCodec.deploymentFromPath(null));
  }
}
