package dev.llmcost.agent.provider;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Whatever bytes arrive, no codec, parser or decoder may throw into the application. */
class NeverThrowsTest {
  private static final List<String> PAYLOADS = List.of(
      "openai/chat_completion.json", "openai/chat_stream_include_usage.sse", "openai/responses_stream.sse",
      "openai/responses.json", "openai/embeddings.json", "openai/chat_request.json",
      "openai/responses_request.json", "anthropic/message.json", "anthropic/message_stream_tool_use.sse",
      "anthropic/request.json", "gemini/stream.sse", "gemini/stream_array.json", "gemini/request.json");
  private static final String[] ENCODINGS = {null, "gzip", "deflate", "br"};

  @Test
  void damagedAndTruncatedBodiesNeverMakeACodecThrow() {
    Random random = new Random(7);
    for (String name : PAYLOADS) {
      byte[] original = Payloads.load(name);
      for (int round = 0; round < 40; round++) {
        byte[] body = damage(original, random);
        byte[] sent = round % 2 == 0 ? body : Payloads.gzip(body);
        String encoding = round % 2 == 0 ? ENCODINGS[random.nextInt(ENCODINGS.length)] : "gzip";
        for (Api api : Api.values()) {
          ProviderCodec codec = Endpoints.codecFor(api);
          assertDoesNotThrow(() -> codec.readRequest(body, body.length), name + " " + api);
          for (boolean sse : new boolean[] {false, true}) {
            ResponseParser parser = codec.newResponseParser(sse, encoding);
            assertDoesNotThrow(() -> {
              Payloads.feedRandomly(parser, sent, random.nextLong());
              parser.onBytes(ByteBuffer.allocate(0));
              parser.onBytes(null);
              parser.onEnd();
              parser.onBytes(ByteBuffer.wrap(sent)); // bytes after the end are ignored
            }, name + " " + api + " sse=" + sse);
            assertNotNull(parser.info());
          }
        }
      }
    }
  }

  private static byte[] damage(byte[] body, Random random) {
    byte[] copy = Arrays.copyOf(body, random.nextInt(body.length + 1));
    int flips = random.nextInt(4);
    for (int i = 0; i < flips && copy.length > 0; i++) {
      copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
    }
    return copy;
  }
}
