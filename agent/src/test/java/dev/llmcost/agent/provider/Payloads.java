package dev.llmcost.agent.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/** Loads the recorded provider bodies under test/resources/payloads and feeds them to parsers. */
final class Payloads {
  private Payloads() {}

  static byte[] load(String name) {
    try (InputStream in = Payloads.class.getResourceAsStream("/payloads/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no payload " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String name) {
    return new String(load(name), StandardCharsets.UTF_8);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] gzip(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Feeds {@code body} in chunks of {@code size} bytes (each its own buffer), then ends it. */
  static ResponseInfo feed(ResponseParser parser, byte[] body, int size) {
    for (int i = 0; i < body.length; i += size) {
      parser.onBytes(ByteBuffer.wrap(Arrays.copyOfRange(body, i, Math.min(body.length, i + size))));
    }
    parser.onEnd();
    return parser.info();
  }

  /** Feeds {@code body} in chunks of random sizes (1 to 64 bytes), then ends it. */
  static ResponseInfo feedRandomly(ResponseParser parser, byte[] body, long seed) {
    Random random = new Random(seed);
    int i = 0;
    while (i < body.length) {
      int n = Math.min(body.length - i, 1 + random.nextInt(64));
      // A slice of a larger buffer, so parsers must honour position and limit.
      ByteBuffer chunk = ByteBuffer.wrap(body, i, n);
      parser.onBytes(chunk);
      assertEquals(i, chunk.position(), "parser moved the caller's buffer");
      i += n;
    }
    parser.onEnd();
    return parser.info();
  }

  /**
   * Parses {@code body} whole, in 1-byte and 7-byte chunks and in random chunks, asserts every way
   * gives the same result, and returns it.
   */
  static ResponseInfo parseEveryWay(Supplier<ResponseParser> parsers, byte[] body) {
    ResponseInfo whole = feed(parsers.get(), body, Math.max(1, body.length));
    String expected = describe(whole);
    assertEquals(expected, describe(feed(parsers.get(), body, 1)), "1-byte chunks");
    assertEquals(expected, describe(feed(parsers.get(), body, 7)), "7-byte chunks");
    for (long seed = 1; seed <= 3; seed++) {
      assertEquals(expected, describe(feedRandomly(parsers.get(), body, seed)), "random chunks " + seed);
    }
    return whole;
  }

  /**
   * As {@link #parseEveryWay(Supplier, byte[])}; a stream twice: reading output text as it comes (content
   * capture), which is returned, and the default way, which leaves text-only stream events unread
   * unless the stream ends without its usage. Both must give the same figures, and the same text
   * whenever an estimate would need it.
   */
  static ResponseInfo parseEveryWay(ProviderCodec codec, boolean sse, byte[] body) {
    if (!sse) {
      return parseEveryWay(() -> codec.newResponseParser(false, null), body);
    }
    ResponseInfo withText = parseEveryWay(() -> codec.newResponseParser(sse, null, true), body);
    ResponseInfo lean = parseEveryWay(() -> codec.newResponseParser(sse, null, false), body);
    assertEquals(figures(withText), figures(lean), "text read as it comes or only when needed");
    if (!lean.complete || lean.usage == null) {
      assertEquals(withText.outputText.toString(), lean.outputText.toString(), "text for the estimate");
    }
    return withText;
  }

  private static String figures(ResponseInfo info) {
    return "id=" + info.id + " model=" + info.model + " finish=" + info.finishReasons
        + " usage=" + info.usage + " tier=" + info.serviceTier + " error=" + info.errorType
        + " complete=" + info.complete;
  }

  static String describe(ResponseInfo info) {
    return "id=" + info.id + " model=" + info.model + " finish=" + info.finishReasons
        + " usage=" + info.usage + " tier=" + info.serviceTier + " error=" + info.errorType
        + " complete=" + info.complete + " malformed=" + info.malformed
        + " output=" + info.outputText;
  }
}
