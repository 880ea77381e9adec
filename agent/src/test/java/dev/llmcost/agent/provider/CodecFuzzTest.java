package dev.llmcost.agent.provider;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.llmcost.agent.content.ContentCapture;
import dev.llmcost.agent.usage.Usage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Random and mutated JSON and SSE into every codec, request reader and response parser (plain,
 * gzip, deflate; JSON and SSE; whole-body text on and off), for a time budget: nothing may throw,
 * hang or report a negative count. A few seconds in every build; longer on demand with
 * {@code -Dllmcost.fuzz.seconds=600}. A failure names the seed that reproduces it
 * ({@code -Dllmcost.fuzz.seed=...}).
 */
class CodecFuzzTest {
  private static final long SECONDS = Long.getLong("llmcost.fuzz.seconds", 3);
  private static final List<String> PAYLOADS = List.of(
      "openai/chat_completion.json", "openai/chat_completion_tool_call.json", "openai/chat_stream_include_usage.sse",
      "openai/chat_stream_tool_call.sse", "openai/chat_stream_error.sse", "openai/completion_stream.sse",
      "openai/responses.json", "openai/responses_stream.sse", "openai/responses_stream_failed.sse",
      "openai/embeddings.json", "openai/chat_request.json", "openai/responses_request.json",
      "openai/error_rate_limit.json", "anthropic/message.json", "anthropic/message_stream.sse",
      "anthropic/message_stream_tool_use.sse", "anthropic/message_stream_overloaded.sse", "anthropic/request.json",
      "gemini/generate_content.json", "gemini/stream.sse", "gemini/stream_array.json", "gemini/request.json");
  private static final String[] ENCODINGS = {null, null, null, "gzip", "deflate", "identity", "br"};
  /** Fragments that steer mutations toward what the parsers look at. */
  private static final String[] TOKENS = {
    "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud83d", "null", "true", "-1", "1e309", "-0",
    "99999999999999999999999", "\"usage\":", "\"prompt_tokens\":", "\"input_tokens\":", "\"output_tokens\":",
    "\"usageMetadata\":{\"promptTokenCount\":", "\"choices\":[{\"delta\":{\"content\":", "\"type\":\"message_delta\"",
    "\"response\":", "data: ", "data: [DONE]\n\n", "event: message_stop\n", "event: ", "\n\n", "\r\n", "\r", ": c\n",
    "id: 1\n", "retry: x\n", "\u0000", "\u00ff", "é", "🙏",
  };

  @Test
  @Timeout(value = 900, unit = TimeUnit.SECONDS) // a hang fails the build; the budget itself is SECONDS
  void noInputMakesACodecThrowHangOrCountBelowZero() {
    long seed = Long.getLong("llmcost.fuzz.seed", System.nanoTime());
    Random random = new Random(seed);
    byte[][] corpus = PAYLOADS.stream().map(Payloads::load).toArray(byte[][]::new);
    ContentCapture capture = new ContentCapture(256, "[0-9]{3,}");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
    long cases = 0;
    long bytes = 0;
    while (System.nanoTime() < deadline || cases < 200) {
      long caseSeed = random.nextLong();
      byte[] input = input(new Random(caseSeed), corpus);
      try {
        exercise(new Random(caseSeed), input, capture);
      } catch (Throwable t) {
        fail("seed " + seed + ", case seed " + caseSeed + ": " + t, t);
      }
      cases++;
      bytes += input.length;
    }
    assertTrue(cases >= 200);
    System.out.printf("CodecFuzzTest: %d cases, %d bytes in %d s (seed %d)%n", cases, bytes, SECONDS, seed);
  }

  private static void exercise(Random random, byte[] input, ContentCapture capture) {
    Api api = Api.values()[random.nextInt(Api.values().length)];
    ProviderCodec codec = Endpoints.codecFor(api);
    RequestInfo request = codec.readRequest(input, random.nextInt(input.length + 1));
    assertNotNull(request);
    capture.inputMessages(PromptMessages.read(api, input));
    boolean sse = random.nextBoolean();
    String encoding = ENCODINGS[random.nextInt(ENCODINGS.length)];
    byte[] sent = "gzip".equals(encoding) && random.nextBoolean() ? Payloads.gzip(input) : input;
    ResponseParser parser = codec.newResponseParser(sse, encoding, random.nextBoolean());
    for (int i = 0; i < sent.length; ) {
      int n = Math.min(sent.length - i, 1 + random.nextInt(random.nextBoolean() ? 8 : 512));
      ByteBuffer buffer = ByteBuffer.allocate(n + 8);
      buffer.position(4);
      buffer.put(sent, i, n).flip().position(4); // a view that does not start at 0
      parser.onBytes(buffer.slice());
      i += n;
    }
    parser.onEnd();
    ResponseInfo info = parser.info();
    assertNotNull(info);
    Usage u = info.usage;
    if (u != null) {
      assertTrue(u.inputTokens() >= 0 && u.outputTokens() >= 0 && u.cacheReadTokens() >= 0
          && u.cacheWriteTokens() >= 0 && u.reasoningTokens() >= 0, "negative usage " + u);
    }
    assertTrue(info.outputText.length() <= ResponseInfo.MAX_OUTPUT_TEXT);
    capture.outputMessages(info.outputText, info.finishReasons);
  }

  /** A corpus body mutated, a random JSON document, an SSE stream of random events, or noise. */
  private static byte[] input(Random random, byte[][] corpus) {
    switch (random.nextInt(6)) {
      case 0:
        return randomJson(random, 0).getBytes(StandardCharsets.UTF_8);
      case 1:
        return sse(random).getBytes(StandardCharsets.UTF_8);
      case 2: {
        byte[] noise = new byte[random.nextInt(2048)];
        random.nextBytes(noise);
        return noise;
      }
      case 3:
        return ("[".repeat(random.nextInt(5000)) + "{\"usage\":{\"prompt_tokens\":1}}").getBytes(StandardCharsets.UTF_8);
      default:
        return mutate(random, corpus[random.nextInt(corpus.length)]);
    }
  }

  private static byte[] mutate(Random random, byte[] original) {
    StringBuilder text = new StringBuilder(new String(original, StandardCharsets.ISO_8859_1));
    int edits = 1 + random.nextInt(8);
    for (int e = 0; e < edits && text.length() > 0; e++) {
      int at = random.nextInt(text.length());
      switch (random.nextInt(5)) {
        case 0 -> text.setCharAt(at, (char) random.nextInt(256));
        case 1 -> text.insert(at, new String(TOKENS[random.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8),
            StandardCharsets.ISO_8859_1));
        case 2 -> text.delete(at, Math.min(text.length(), at + random.nextInt(64)));
        case 3 -> text.setLength(at); // truncated
        default -> {
          int end = Math.min(text.length(), at + random.nextInt(256));
          text.insert(random.nextInt(text.length()), text.substring(at, end)); // a duplicated slice
        }
      }
    }
    return text.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String sse(Random random) {
    StringBuilder s = new StringBuilder();
    int events = random.nextInt(20);
    for (int i = 0; i < events; i++) {
      if (random.nextInt(3) == 0) {
        s.append("event: ").append(random.nextBoolean() ? "message_delta" : "x" + random.nextInt(9)).append('\n');
      }
      String[] lines = randomJson(random, 0).split("\n", -1);
      for (String line : lines) {
        s.append("data: ").append(line).append('\n');
      }
      s.append(random.nextInt(10) == 0 ? "" : random.nextBoolean() ? "\n" : "\r\n");
    }
    return s.toString();
  }

  private static String randomJson(Random random, int depth) {
    int kind = depth > 6 ? 3 + random.nextInt(4) : random.nextInt(8);
    switch (kind) {
      case 0, 1: {
        StringBuilder o = new StringBuilder("{");
        int n = random.nextInt(5);
        for (int i = 0; i < n; i++) {
          String[] names = {"usage", "prompt_tokens", "completion_tokens", "input_tokens", "output_tokens", "choices",
              "delta", "content", "message", "type", "model", "id", "error", "usageMetadata", "candidates",
              "promptTokenCount", "response", "text", "parts", "role", "finish_reason", "stop_reason"};
          o.append(i > 0 ? "," : "").append('"').append(names[random.nextInt(names.length)]).append("\":")
              .append(randomJson(random, depth + 1));
        }
        return o.append('}').toString();
      }
      case 2: {
        StringBuilder a = new StringBuilder("[");
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          a.append(i > 0 ? "," : "").append(randomJson(random, depth + 1));
        }
        return a.append(']').toString();
      }
      case 3:
        return Long.toString(random.nextLong() >> random.nextInt(64));
      case 4:
        return random.nextBoolean() ? "1.5e" + random.nextInt(400) : "-" + random.nextInt(1000);
      case 5:
        return random.nextBoolean() ? "null" : "true";
      default:
        return '"' + TOKENS[random.nextInt(TOKENS.length)].replace("\"", "\\\"").replace("\\\\\"", "\\\"") + '"';
    }
  }
}
