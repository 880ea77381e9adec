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

class AnthropicCodecTest {
  private final AnthropicCodec codec = new AnthropicCodec();

  @Test
  void anthropicInputTokensIncludeCacheReadsAndWrites() {
    ResponseInfo info = parseEveryWay(codec, false, load("anthropic/message.json"));

    // input_tokens 21 + cache_creation_input_tokens 188086 + cache_read_input_tokens 0
    assertEquals(new Usage(188107, 393, 0, 188086, 0, 0, false), info.usage);
    assertEquals(21, info.usage.uncachedInputTokens());
    assertEquals("msg_01XFDUDYJgAACzvnptvVoYEL", info.id);
    assertEquals("claude-sonnet-4-5-20250929", info.model);
    assertEquals(List.of("end_turn"), info.finishReasons);
    assertEquals("standard", info.serviceTier);
    assertTrue(info.complete);
    assertFalse(info.malformed);
  }

  @Test
  void cacheWritesAreSplitByTtlFromTheCacheCreationBreakdown() {
    ResponseInfo info = parseEveryWay(codec, false, load("anthropic/message_cache_read_1h_write.json"));

    assertEquals(new Usage(50 + 100000 + 2048, 1024, 100000, 0, 2048, 0, false), info.usage);
    assertEquals(List.of("max_tokens"), info.finishReasons);
    assertEquals("priority", info.serviceTier);
  }

  @Test
  void withoutACacheCreationBreakdownAllCacheWritesCountAsFiveMinuteWrites() {
    ResponseInfo info = parseEveryWay(codec, false, load("anthropic/message_legacy_cache.json"));

    assertEquals(new Usage(384 + 1500, 57, 0, 1500, 0, 0, false), info.usage);
    assertEquals(List.of("tool_use"), info.finishReasons);
  }

  @Test
  void streamTakesInputFromMessageStartAndCumulativeOutputFromMessageDelta() {
    ResponseInfo info = parseEveryWay(codec, true, load("anthropic/message_stream.sse"));

    assertEquals(new Usage(472 + 2048, 15, 2048, 0, 0, 0, false), info.usage);
    assertEquals("Hello! Grüß Gott — こんにちは 👋. How can I help you today?", info.outputText.toString());
    assertEquals(List.of("end_turn"), info.finishReasons);
    assertEquals("msg_01VbZq8K9rLx2mP3nT4sW5yA", info.id);
    assertEquals("claude-sonnet-4-5-20250929", info.model);
    assertEquals("standard", info.serviceTier);
    assertTrue(info.complete, "message_stop arrived");
    assertFalse(info.malformed);
  }

  @Test
  void thinkingAndToolInputDeltasCountAsOutputTextAndMessageDeltaUsageWins() {
    ResponseInfo info = parseEveryWay(codec, true, load("anthropic/message_stream_tool_use.sse"));

    assertEquals(new Usage(2679 + 1024, 89, 0, 0, 1024, 0, false), info.usage);
    assertEquals("The user asks about the weather; I should call get_weather."
        + "Let me check the weather.{\"location\": \"San Francisco, CA\"}", info.outputText.toString());
    assertEquals(List.of("tool_use"), info.finishReasons);
    assertTrue(info.complete);
  }

  @Test
  void aStreamCutBeforeMessageDeltaStillHasTheInputCounts() {
    String stream = Payloads.text("anthropic/message_stream.sse");
    byte[] cut = utf8(stream.substring(0, stream.indexOf("event: message_delta")));

    ResponseInfo info = parseEveryWay(codec, true, cut);

    assertEquals(new Usage(2520, 2, 2048, 0, 0, 0, false), info.usage, "output from message_start");
    assertFalse(info.complete);
    assertTrue(info.finishReasons.isEmpty());
  }

  @Test
  void anOverloadedErrorEventMidStreamSetsTheErrorType() {
    ResponseInfo info = parseEveryWay(codec, true, load("anthropic/message_stream_overloaded.sse"));

    assertEquals("overloaded_error", info.errorType);
    assertEquals("Sure, here", info.outputText.toString());
    assertEquals(new Usage(125, 1, 0, 0, 0, 0, false), info.usage);
    assertFalse(info.complete);
  }

  @Test
  void anErrorBodyReportsItsType() {
    ResponseInfo info = parseEveryWay(codec, false, load("anthropic/error_rate_limit.json"));

    assertEquals("rate_limit_error", info.errorType);
    assertNull(info.usage);
  }

  @Test
  void pingEventsAndUnknownEventsChangeNothing() {
    String stream = Payloads.text("anthropic/message_stream.sse");
    String noisy = stream.replace("event: message_stop",
        "event: ping\ndata: {\"type\": \"ping\"}\n\nevent: future_event\ndata: {\"type\": \"future_event\", \"usage\": 5}\n\n"
            + "event: message_stop");

    assertEquals(Payloads.describe(parseEveryWay(codec, true, utf8(stream))),
        Payloads.describe(parseEveryWay(codec, true, utf8(noisy))));
  }

  @Test
  void requestYieldsSettingsAndTheSystemAndMessageText() {
    byte[] body = load("anthropic/request.json");

    RequestInfo info = codec.readRequest(body, body.length);

    assertEquals("claude-sonnet-4-5", info.model());
    assertEquals(1024L, info.maxTokens());
    assertEquals(0.5, info.temperature());
    assertEquals(0.95, info.topP());
    assertEquals(Boolean.TRUE, info.stream());
    assertTrue(info.plausible());
    assertEquals("You are an AI assistant tasked with analyzing legal documents.\n"
        + "Here is the full text of a complex legal agreement: ...\n"
        + "What are the key terms and conditions in this agreement?\n"
        + "The key terms are...\nRésumé en français ?", info.promptText());
  }

  @Test
  void aStringSystemPromptIsPartOfThePromptText() {
    byte[] body = utf8("{\"model\":\"claude-haiku-4-5\",\"max_tokens\":64,\"system\":\"Be brief.\","
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

    RequestInfo info = codec.readRequest(body, body.length);

    assertEquals("Be brief.\nHi", info.promptText());
    assertNull(info.stream());
  }
}
