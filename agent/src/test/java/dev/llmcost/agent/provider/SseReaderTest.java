package dev.llmcost.agent.provider;

import static dev.llmcost.agent.provider.Payloads.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseReaderTest {
  /**
   * The word-at-a-time search finds the same line end as a byte loop, wherever it falls and
   * whatever its neighbours (bytes one off LF or CR, high bytes that borrow, several ends).
   */
  @Test
  void lineEndsAreFoundAtEveryOffsetAmongAwkwardNeighbours() {
    byte[] fillers = {'a', 0, 0x09, 0x0B, 0x0C, 0x0E, (byte) 0x8A, (byte) 0x8D, (byte) 0xFF, 0x01};
    for (int length = 0; length <= 40; length++) {
      for (int filler = 0; filler < fillers.length; filler++) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
          bytes[i] = fillers[(filler + i) % fillers.length];
        }
        assertLineEnd(bytes, 0, length);
        for (int at = 0; at < length; at++) {
          for (byte end : new byte[] {'\n', '\r'}) {
            byte[] withEnd = bytes.clone();
            withEnd[at] = end;
            if (at + 3 < length) {
              withEnd[at + 3] = '\n';
            }
            for (int from = 0; from <= at; from += 3) {
              assertLineEnd(withEnd, from, length);
            }
          }
        }
      }
    }
  }

  private static void assertLineEnd(byte[] bytes, int from, int end) {
    int expected = from;
    while (expected < end && bytes[expected] != '\n' && bytes[expected] != '\r') {
      expected++;
    }
    assertEquals(expected, SseReader.lineEnd(bytes, from, end), () -> java.util.Arrays.toString(bytes) + " from " + from);
  }

  private final List<String> events = new ArrayList<>();
  private final SseReader.Handler recorder =
      (event, data, length) -> events.add(event + "|" + new String(data, 0, length, StandardCharsets.UTF_8));

  private SseReader feed(String stream, int chunkSize) {
    return feed(new SseReader(recorder), stream, chunkSize);
  }

  private static SseReader feed(SseReader reader, String stream, int chunkSize) {
    byte[] bytes = utf8(stream);
    for (int i = 0; i < bytes.length; i += chunkSize) {
      reader.feed(ByteBuffer.wrap(bytes, i, Math.min(chunkSize, bytes.length - i)));
    }
    return reader;
  }

  @Test
  void aBlankLineDispatchesTheEventWithItsNameAndData() {
    feed("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\ndata: [DONE]\n\n", 100);

    assertEquals(List.of("message_stop|{\"type\":\"message_stop\"}", "null|[DONE]"), events);
  }

  @Test
  void multiLineDataIsJoinedWithNewlines() {
    feed("data: {\ndata: \"a\": 1\ndata: }\n\n", 100);

    assertEquals(List.of("null|{\n\"a\": 1\n}"), events);
  }

  @Test
  void lfCrlfAndCrAllEndLinesEvenWhenACrlfIsSplitAcrossChunks() {
    String stream = "data: one\r\n\r\ndata: two\r\rdata: three\n\ndata: four\r\n\r\n";
    for (int size = 1; size <= 5; size++) {
      events.clear();
      feed(stream, size);
      assertEquals(List.of("null|one", "null|two", "null|three", "null|four"), events, "chunk " + size);
    }
  }

  @Test
  void commentsIdAndRetryLinesAreIgnored() {
    feed(": OPENROUTER PROCESSING\n\nid: 7\nretry: 3000\n: keep-alive\ndata: x\n\n", 3);

    assertEquals(List.of("null|x"), events);
  }

  @Test
  void onlyOneSpaceAfterTheColonIsRemovedAndItIsOptional() {
    feed("data:a\n\ndata:  b\n\nevent:ping\ndata:\n\n", 2);

    assertEquals(List.of("null|a", "null| b", "ping|"), events);
  }

  @Test
  void anEventWithoutDataIsNotDispatched() {
    feed("event: ping\n\nevent: done\ndata: 1\n\n", 4);

    assertEquals(List.of("done|1"), events);
  }

  @Test
  void aByteOrderMarkBeforeTheFirstLineIsIgnored() {
    feed("\uFEFFdata: x\n\n", 1);

    assertEquals(List.of("null|x"), events);
  }

  @Test
  void anOversizedEventIsDroppedAndCountedAndTheNextOneStillArrives() {
    SseReader reader = new SseReader(recorder, 1024);
    String big = "x".repeat(5000);

    feed(reader, "data: small\n\ndata: " + big + "\ndata: more\n\nevent: after\ndata: ok\n\n", 333);

    assertEquals(List.of("null|small", "after|ok"), events);
    assertEquals(1, reader.droppedEvents());
  }

  @Test
  void manyDataLinesThatTogetherExceedTheLimitAlsoDropTheEvent() {
    SseReader reader = new SseReader(recorder, 1024);

    feed(reader, "data: " + "y".repeat(600) + "\ndata: " + "z".repeat(600) + "\n\ndata: ok\n\n", 50);

    assertEquals(List.of("null|ok"), events);
    assertEquals(1, reader.droppedEvents());
  }

  @Test
  void anEventCutOffByTheEndOfTheStreamIsNotDispatched() {
    SseReader reader = feed("data: first\n\nevent: message_delta\ndata: {\"usage\":", 5);

    assertEquals(List.of("null|first"), events);
    assertTrue(reader.hasPartialEvent());
  }

  @Test
  void everyChunkingOfARealStreamGivesTheSameEvents() {
    String stream = Payloads.text("anthropic/message_stream.sse");
    feed(stream, stream.length());
    List<String> whole = List.copyOf(events);
    for (int size : new int[] {1, 7, 64}) {
      events.clear();
      SseReader reader = feed(stream, size);
      assertEquals(whole, events, "chunk " + size);
      assertFalse(reader.hasPartialEvent());
    }
    assertEquals(11, whole.size());
  }

  /**
   * Lines are read in bulk (from a read-only buffer, as the JDK passes them): the same events and
   * drops as one byte at a time, for any split, line ending, comment, byte order mark and limit.
   */
  @Test
  void bulkAndByteByByteReadingAgree() {
    java.util.Random random = new java.util.Random(42);
    String[] pieces = {"data: ", "event: x", "\n", "\r", "\r\n", ": keep-alive", "{\"a\":1}", "abcdefgh",
        "\uFEFF", "data", ":", " ", "\n\n", "0123456789012345678901234567890123456789"};
    for (int run = 0; run < 500; run++) {
      StringBuilder sb = new StringBuilder();
      for (int i = random.nextInt(40); i > 0; i--) {
        sb.append(pieces[random.nextInt(pieces.length)]);
      }
      byte[] bytes = utf8(sb.toString());
      int limit = 16 + random.nextInt(64);
      List<String> bulk = new ArrayList<>();
      SseReader bulkReader = new SseReader(
          (event, data, length) -> bulk.add(event + "|" + new String(data, 0, length, StandardCharsets.UTF_8)), limit);
      List<String> single = new ArrayList<>();
      SseReader singleReader = new SseReader(
          (event, data, length) -> single.add(event + "|" + new String(data, 0, length, StandardCharsets.UTF_8)), limit);
      for (int i = 0; i < bytes.length; ) {
        int n = Math.min(bytes.length - i, 1 + random.nextInt(12));
        bulkReader.feed(ByteBuffer.wrap(bytes, i, n).asReadOnlyBuffer()); // copied, then in bulk
        for (int j = i; j < i + n; j++) {
          singleReader.feed(bytes, j, 1);
        }
        i += n;
      }
      assertEquals(single, bulk, sb.toString());
      assertEquals(singleReader.droppedEvents(), bulkReader.droppedEvents(), sb.toString());
      assertEquals(singleReader.hasPartialEvent(), bulkReader.hasPartialEvent(), sb.toString());
    }
  }
}
