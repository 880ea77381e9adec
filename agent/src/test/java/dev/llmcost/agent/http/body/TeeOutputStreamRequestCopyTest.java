package dev.llmcost.agent.http.body;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TeeOutputStreamRequestCopyTest {

  @Test
  void everythingReachesTheRealStreamAndOnlyTheFirstBytesAreKept() throws IOException {
    ByteArrayOutputStream real = new ByteArrayOutputStream();
    BodyCopy copy = new BodyCopy(10);
    TeeOutputStream out = new TeeOutputStream(real, copy::keep);
    out.write("{\"model\":".getBytes(StandardCharsets.UTF_8));
    out.write('"');
    out.write("gpt-4o-mini\"}".getBytes(StandardCharsets.UTF_8), 0, 13);
    out.close();

    assertEquals("{\"model\":\"gpt-4o-mini\"}", real.toString(StandardCharsets.UTF_8));
    assertArrayEquals("{\"model\":\"".getBytes(StandardCharsets.UTF_8), copy.bytes());
  }
}
