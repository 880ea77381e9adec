package dev.llmcost.agent.provider;

import static dev.llmcost.agent.provider.Payloads.gzip;
import static dev.llmcost.agent.provider.Payloads.load;
import static dev.llmcost.agent.provider.Payloads.parseEveryWay;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

class ContentDecodingTest {
  private final ProviderCodec chat = new OpenAiCodec(Api.OPENAI_CHAT_COMPLETIONS);
  private final ProviderCodec anthropic = new AnthropicCodec();

  private ResponseInfo plain(ProviderCodec codec, boolean sse, byte[] body) {
    return parseEveryWay(() -> codec.newResponseParser(sse, null), body);
  }

  private ResponseInfo encoded(ProviderCodec codec, boolean sse, String encoding, byte[] body) {
    return parseEveryWay(() -> codec.newResponseParser(sse, encoding), body);
  }

  @Test
  void aGzipBodyIsInflatedChunkByChunkToTheSameResult() {
    byte[] body = load("openai/chat_completion.json");

    ResponseInfo info = encoded(chat, false, "gzip", gzip(body));

    assertEquals(Payloads.describe(plain(chat, false, body)), Payloads.describe(info));
    assertEquals(1117, info.usage.inputTokens());
  }

  @Test
  void aGzipEventStreamIsInflatedToTheSameResult() {
    byte[] body = load("anthropic/message_stream.sse");

    assertEquals(Payloads.describe(plain(anthropic, true, body)),
        Payloads.describe(encoded(anthropic, true, "x-gzip", gzip(body))));
  }

  @Test
  void gzipHeaderExtrasNameCommentAndHeaderCrcAreSkipped() {
    byte[] body = load("openai/chat_completion.json");

    ResponseInfo info = encoded(chat, false, "GZIP", gzipWithEveryHeaderField(body));

    assertEquals(Payloads.describe(plain(chat, false, body)), Payloads.describe(info));
  }

  @Test
  void concatenatedGzipMembersAreReadAsOneBody() {
    byte[] body = load("openai/chat_completion.json");
    int half = body.length / 2;
    byte[] first = gzip(Arrays.copyOfRange(body, 0, half));
    byte[] second = gzip(Arrays.copyOfRange(body, half, body.length));

    ResponseInfo info = encoded(chat, false, "gzip", concat(first, second));

    assertEquals(Payloads.describe(plain(chat, false, body)), Payloads.describe(info));
  }

  @Test
  void deflateIsAcceptedWithTheZlibWrapperAndAsARawStream() {
    byte[] body = load("gemini/generate_content.json");
    ProviderCodec gemini = new GeminiCodec(Api.GEMINI_GENERATE_CONTENT);
    String expected = Payloads.describe(plain(gemini, false, body));

    assertEquals(expected, Payloads.describe(encoded(gemini, false, "deflate", deflate(body, false))));
    assertEquals(expected, Payloads.describe(encoded(gemini, false, "deflate", deflate(body, true))));
  }

  @Test
  void codingsAppliedOneAfterAnotherAreUndoneInReverse() {
    byte[] body = load("openai/chat_completion.json");

    ResponseInfo info = encoded(chat, false, "deflate, identity, gzip", gzip(deflate(body, false)));

    assertEquals(Payloads.describe(plain(chat, false, body)), Payloads.describe(info));
  }

  @Test
  void corruptGzipDataIsMalformedNotThrown() {
    byte[] compressed = gzip(load("openai/chat_completion.json"));
    for (int i = 20; i < 40; i++) {
      compressed[i] ^= (byte) 0x5a;
    }
    byte[] notGzip = load("openai/chat_completion.json");

    assertTrue(encoded(chat, false, "gzip", compressed).malformed);
    assertTrue(encoded(chat, false, "gzip", notGzip).malformed);
  }

  @Test
  void brotliAndZstdBodiesAreMarkedMalformedAndIgnored() {
    for (String encoding : new String[] {"br", "zstd", "gzip, br"}) {
      ResponseParser parser = chat.newResponseParser(false, encoding);
      parser.onBytes(ByteBuffer.wrap(new byte[] {0x1b, 0x2f, 0x00, 0x00}));
      parser.onEnd();

      assertTrue(parser.info().malformed, encoding);
      assertNull(parser.info().usage, encoding);
    }
  }

  @Test
  void identityAndAbsentEncodingsPassBytesThrough() {
    byte[] body = load("openai/chat_completion.json");
    String expected = Payloads.describe(plain(chat, false, body));

    assertEquals(expected, Payloads.describe(encoded(chat, false, "identity", body)));
    assertEquals(expected, Payloads.describe(encoded(chat, false, "", body)));
    assertEquals(expected, Payloads.describe(encoded(chat, false, null, body)));
  }

  @Test
  void aGzipBodyCutShortIsIncompleteButNotMalformed() {
    byte[] compressed = gzip(load("openai/chat_completion.json"));

    ResponseInfo info = encoded(chat, false, "gzip", Arrays.copyOf(compressed, compressed.length / 2));

    assertFalse(info.complete);
    assertFalse(info.malformed);
  }

  private static byte[] deflate(byte[] body, boolean raw) {
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
    deflater.setInput(body);
    deflater.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    while (!deflater.finished()) {
      out.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    return out.toByteArray();
  }

  /** A gzip member with FEXTRA, FNAME, FCOMMENT and FHCRC all set, as some servers write. */
  private static byte[] gzipWithEveryHeaderField(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 4 | 8 | 16 | 2, 0, 0, 0, 0, 0, 3});
    out.writeBytes(new byte[] {6, 0, 'A', 'P', 2, 0, 1, 2});
    out.writeBytes("response.json\0".getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes("written by a test\0".getBytes(StandardCharsets.ISO_8859_1));
    CRC32 headerCrc = new CRC32();
    headerCrc.update(out.toByteArray());
    int crc16 = (int) headerCrc.getValue() & 0xffff;
    out.writeBytes(new byte[] {(byte) crc16, (byte) (crc16 >> 8)});
    out.writeBytes(deflate(body, true));
    CRC32 crc = new CRC32();
    crc.update(body);
    writeIntLe(out, (int) crc.getValue());
    writeIntLe(out, body.length);
    return out.toByteArray();
  }

  private static void writeIntLe(ByteArrayOutputStream out, int value) {
    out.writeBytes(new byte[] {(byte) value, (byte) (value >> 8), (byte) (value >> 16), (byte) (value >> 24)});
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
