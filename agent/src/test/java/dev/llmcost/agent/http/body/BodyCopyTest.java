package dev.llmcost.agent.http.body;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The first bytes of a request body, from arrays and from buffers alike, never past the bound. */
class BodyCopyTest {
  @Test
  void keepsBuffersUpToTheBoundWithoutMovingThem() {
    BodyCopy copy = new BodyCopy(8);
    ByteBuffer first = ByteBuffer.wrap("{\"mo".getBytes(StandardCharsets.US_ASCII));
    copy.keep(first);
    assertEquals(0, first.position(), "the client's buffer is left where it was");
    assertEquals(4, copy.room());
    copy.keep("del\":\"gpt".getBytes(StandardCharsets.US_ASCII), 0, 9);
    assertEquals(0, copy.room());
    copy.keep(ByteBuffer.wrap(new byte[] {'x'}));
    assertArrayEquals("{\"model\"".getBytes(StandardCharsets.US_ASCII), copy.bytes());
  }
}
