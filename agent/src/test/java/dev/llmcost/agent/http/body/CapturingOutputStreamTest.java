package dev.llmcost.agent.http.body;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CapturingOutputStreamTest {

  @Test
  void everythingReachesTheRealStreamAndOnlyTheFirstBytesAreKept() throws IOException {
    ByteArrayOutputStream real = new ByteArrayOutputStream();
    CapturingOutputStream.Copy copy = new CapturingOutputStream.Copy(10);
    CapturingOutputStream out = new CapturingOutputStream(real, copy);
    out.write("{\"model\":".getBytes(StandardCharsets.UTF_8));
    out.write('"');
    out.write("gpt-4o-mini\"}".getBytes(StandardCharsets.UTF_8), 0, 13);
    out.close();

    assertEquals("{\"model\":\"gpt-4o-mini\"}", real.toString(StandardCharsets.UTF_8));
    assertArrayEquals("{\"model\":\"".getBytes(StandardCharsets.UTF_8), copy.bytes());
  }
}
