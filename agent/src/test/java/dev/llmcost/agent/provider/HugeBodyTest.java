package dev.llmcost.agent.provider;

import static dev.llmcost.agent.provider.Payloads.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.agent.usage.Usage;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Random;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** Bodies far larger than anything worth holding: they must stream through in bounded memory. */
class HugeBodyTest {
  private static final int DIMENSIONS = 1536;
  private static final int EMBEDDINGS = 620; // ~20 MB of pretty-printed JSON

  private final ProviderCodec embeddings = new OpenAiCodec(Api.OPENAI_EMBEDDINGS);

  /** One {"object":"embedding","index":..,"embedding":[...]} element, as the API writes it. */
  private static byte[] embeddingElement() {
    Random random = new Random(42);
    StringBuilder sb = new StringBuilder("{\n      \"object\": \"embedding\",\n      \"index\": 0,\n      \"embedding\": [\n");
    for (int i = 0; i < DIMENSIONS; i++) {
      sb.append("        ").append(String.format(Locale.ROOT, "%.9f", random.nextGaussian() * 0.03));
      sb.append(i < DIMENSIONS - 1 ? ",\n" : "\n");
    }
    return utf8(sb.append("      ]\n    }").toString());
  }

  @Test
  void aTwentyMegabyteEmbeddingsBodyIsReadWithoutHoldingItOrAllocatingPerNumber() {
    ByteBuffer head = ByteBuffer.wrap(utf8("{\n  \"object\": \"list\",\n  \"data\": [\n    "));
    ByteBuffer element = ByteBuffer.wrap(embeddingElement());
    ByteBuffer comma = ByteBuffer.wrap(utf8(",\n    "));
    ByteBuffer tail = ByteBuffer.wrap(utf8(
        "\n  ],\n  \"model\": \"text-embedding-3-large\",\n  \"usage\": {\n    \"prompt_tokens\": 52000,\n"
            + "    \"total_tokens\": 52000\n  }\n}\n"));
    long bodyBytes = head.remaining() + (long) EMBEDDINGS * (element.remaining() + comma.remaining()) + tail.remaining();
    ResponseParser parser = embeddings.newResponseParser(false, null);

    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
    parser.onBytes(head);
    for (int i = 0; i < EMBEDDINGS; i++) {
      if (i > 0) {
        parser.onBytes(comma);
      }
      parser.onBytes(element); // the same buffer each time: the parser must not consume it
    }
    parser.onBytes(tail);
    parser.onEnd();
    long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;

    ResponseInfo info = parser.info();
    assertTrue(bodyBytes > 20_000_000, "body is " + bodyBytes + " bytes");
    assertEquals(new Usage(52000, 0, 0, 0, 0, 0, false), info.usage);
    assertEquals("text-embedding-3-large", info.model);
    assertTrue(info.complete);
    assertFalse(info.malformed);
    // 1.5 million numbers went by; a String or boxed number each would be tens of megabytes.
    assertTrue(allocated < 2_000_000, "allocated " + allocated + " bytes for a " + bodyBytes + "-byte body");
  }

  @Test
  void aDeflatedHugeBodyInflatesChunkByChunk() {
    byte[] element = embeddingElement();
    Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    ResponseParser parser = embeddings.newResponseParser(false, "deflate");
    byte[] compressed = new byte[64 << 10];
    deflater.setInput(utf8("{\"object\":\"list\",\"data\":["));
    drain(deflater, compressed, parser);
    for (int i = 0; i < EMBEDDINGS / 4; i++) {
      deflater.setInput(i == 0 ? element : concat(utf8(","), element));
      drain(deflater, compressed, parser);
    }
    deflater.setInput(utf8("],\"model\":\"text-embedding-3-small\",\"usage\":{\"prompt_tokens\":9,\"total_tokens\":9}}"));
    deflater.finish();
    drain(deflater, compressed, parser);
    parser.onEnd();

    assertEquals(new Usage(9, 0, 0, 0, 0, 0, false), parser.info().usage);
    assertTrue(parser.info().complete);
    assertFalse(parser.info().malformed);
  }

  private static void drain(Deflater deflater, byte[] buffer, ResponseParser parser) {
    int n;
    while ((n = deflater.deflate(buffer)) > 0 || !deflater.needsInput() && !deflater.finished()) {
      parser.onBytes(ByteBuffer.wrap(buffer, 0, n));
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = new byte[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
