package dev.llmcost.agent.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.bootstrap.SdkBodyCopy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SdkBodyCopyTest {
  /** Like the SDKs' HttpRequestBody: a public interface, implemented by a class that is not public. */
  public interface RequestBody {
    void writeTo(OutputStream out) throws IOException;
  }

  private static final class JsonBody implements RequestBody {
    @Override
    public void writeTo(OutputStream out) throws IOException {
      out.write("{\"model\":\"gpt-4o-mini\"}".getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void outsideTheAgentsCopyTheSdkWritesAndLogsAsAlways() {
    assertFalse(SdkBodyCopy.writeWrapped(new JsonBody(), new ByteArrayOutputStream()));
  }

  @Test
  void duringTheAgentsCopyTheWrappedBodyIsWrittenInsteadOfTheLoggingOne() {
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    SdkBodyCopy.begin();
    try {
      assertTrue(SdkBodyCopy.writeWrapped(new JsonBody(), copy));
      assertFalse(SdkBodyCopy.writeWrapped(new Object(), copy), "no writeTo: the SDK's own runs");
      assertFalse(SdkBodyCopy.writeWrapped(new JsonBody(), "not a stream"));
    } finally {
      SdkBodyCopy.end();
    }
    assertEquals("{\"model\":\"gpt-4o-mini\"}", copy.toString(StandardCharsets.UTF_8));
    assertFalse(SdkBodyCopy.writeWrapped(new JsonBody(), copy), "ended on this thread");
  }
}
