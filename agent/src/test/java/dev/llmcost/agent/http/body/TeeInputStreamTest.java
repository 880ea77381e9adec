package dev.llmcost.agent.http.body;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llmcost.agent.http.RecordingCall;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TeeInputStreamTest {
  private static final byte[] BODY = "{\"usage\":{\"prompt_tokens\":3}}".getBytes(StandardCharsets.UTF_8);
  private final RecordingCall call = new RecordingCall();

  private TeeInputStream tee(InputStream in, long length) {
    return new TeeInputStream(in, call, length, () -> false);
  }

  @Test
  void theApplicationGetsTheSameBytesAndTheCallSeesEachOnceThenTheEnd() throws IOException {
    TeeInputStream in = tee(new ByteArrayInputStream(BODY), -1);
    byte[] first = new byte[5];
    assertEquals(5, in.read(first, 0, 5));
    int single = in.read();
    byte[] rest = in.readAllBytes();
    assertEquals(-1, in.read());

    assertEquals(new String(BODY, StandardCharsets.UTF_8), new String(first, StandardCharsets.UTF_8) + (char) single + new String(rest, StandardCharsets.UTF_8));
    assertEquals(new String(BODY, StandardCharsets.UTF_8), call.body());
    assertEquals(List.of("complete"), call.events);
  }

  @Test
  void aBodyOfKnownLengthEndsWithItsLastByteEvenIfTheEndOfStreamIsNeverRead() throws IOException {
    TeeInputStream in = tee(new ByteArrayInputStream(BODY), BODY.length);
    assertArrayEquals(BODY, in.readNBytes(BODY.length));
    assertEquals(List.of("complete"), call.events);
    in.close();
    assertEquals(List.of("complete"), call.events, "a close after the end changes nothing");
  }

  @Test
  void closingBeforeTheEndIsAnEarlyClose() throws IOException {
    TeeInputStream in = tee(new ByteArrayInputStream(BODY), -1);
    in.read(new byte[4]);
    in.close();
    assertEquals(List.of("closed"), call.events);
    assertEquals("{\"us", call.body());
  }

  @Test
  void bytesReadAgainAfterAResetAreShownOnce() throws IOException {
    TeeInputStream in = tee(new ByteArrayInputStream(BODY), -1);
    in.mark(100);
    in.read(new byte[6]);
    in.reset();
    in.readAllBytes();
    assertEquals(new String(BODY, StandardCharsets.UTF_8), call.body());
  }

  @Test
  void aReadFailureFailsTheCallAndReachesTheApplicationUnchanged() {
    IOException reset = new IOException("Connection reset");
    TeeInputStream in = tee(failingStream(reset), -1);
    IOException seen = assertThrows(IOException.class, in::read);
    assertSame(reset, seen);
    assertEquals(List.of("failed IOException"), call.events);
  }

  @Test
  void aFailureOrCloseAfterTheApplicationAbortedTheExchangeIsItsCancel() throws IOException {
    TeeInputStream failing = new TeeInputStream(failingStream(new IOException("Socket closed")), call, -1, () -> true);
    assertThrows(IOException.class, () -> failing.read(new byte[8]));
    RecordingCall other = new RecordingCall();
    new TeeInputStream(new ByteArrayInputStream(BODY), other, -1, () -> true).close();
    assertEquals(List.of("cancelled"), call.events);
    assertEquals(List.of("cancelled"), other.events);
  }

  private static InputStream failingStream(IOException failure) {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        throw failure;
      }
    };
  }
}
