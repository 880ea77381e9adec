package okhttp3.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.bootstrap.OkHttpHooks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.Okio;
import okio.Source;
import okio.Timeout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LlmCostResponseBodyTest {
  private static final MediaType SSE = MediaType.get("text/event-stream");
  private static final String STREAM = "data: {\"a\":1}\n\ndata: {\"a\":2}\n\ndata: [DONE]\n\n";

  private final LlmCostAccess access = new LlmCostAccess();
  private RecordingHooks hooks;

  @BeforeEach
  void install() {
    hooks = RecordingHooks.install();
  }

  @AfterEach
  void uninstall() {
    OkHttpHooks.install(null);
  }

  @Test
  void theApplicationReadsTheSameBytesAndTheHooksSeeEveryOneOfThem() throws IOException {
    Response observed = observe(ResponseBody.create(STREAM, SSE));

    assertEquals(STREAM, observed.body().string());
    assertEquals(STREAM, hooks.bytes.toString(StandardCharsets.UTF_8));
    assertEquals(java.util.List.of("ended", "closed"), hooks.events());
  }

  @Test
  void typeLengthAndEverythingElseAreTheOriginalResponses() {
    Response original = response(ResponseBody.create(STREAM, SSE));
    Response observed = (Response) access.observeBody(original, "body");

    assertNotSame(original.body(), observed.body());
    assertEquals(original.body().contentType(), observed.body().contentType());
    assertEquals(STREAM.length(), observed.body().contentLength());
    assertEquals(original.code(), observed.code());
    assertEquals(original.headers(), observed.headers());
    assertSame(original.request(), observed.request());
  }

  @Test
  void closingBeforeTheEndIsReportedAsACloseWithTheBytesReadSoFar() throws IOException {
    Response observed = observe(slowBody());
    BufferedSource source = observed.body().source();

    assertEquals("data: {\"a\":1}", source.readUtf8LineStrict());
    observed.close();

    assertEquals("data: {\"a\":1}\n\n", hooks.bytes.toString(StandardCharsets.UTF_8));
    assertEquals("closed", hooks.events().get(0));
    assertTrue(!hooks.events().contains("ended"), hooks.events().toString());
  }

  @Test
  void aFailingReadIsReportedAndTheApplicationGetsTheSameException() {
    IOException broken = new IOException("connection reset");
    Source failing = new Source() {
      @Override
      public long read(Buffer sink, long byteCount) throws IOException {
        throw broken;
      }

      @Override
      public Timeout timeout() {
        return Timeout.NONE;
      }

      @Override
      public void close() {}
    };
    Response observed = observe(ResponseBody.create(Okio.buffer(failing), SSE, -1));

    IOException thrown = assertThrows(IOException.class, () -> observed.body().string());
    assertSame(broken, thrown);
    assertEquals("failed IOException", hooks.events().get(0));
  }

  @Test
  void withoutTheAgentInstalledTheBodyStillReadsTheSame() throws IOException {
    OkHttpHooks.install(null);
    assertEquals(STREAM, observe(ResponseBody.create(STREAM, SSE)).body().string());
  }

  /** A body whose source hands out one event per read, as a network stream does. */
  private static ResponseBody slowBody() {
    Source events = new Source() {
      private final String[] parts = STREAM.split("(?<=\n\n)");
      private int next;

      @Override
      public long read(Buffer sink, long byteCount) {
        if (next == parts.length) {
          return -1;
        }
        byte[] part = parts[next++].getBytes(StandardCharsets.UTF_8);
        sink.write(part);
        return part.length;
      }

      @Override
      public Timeout timeout() {
        return Timeout.NONE;
      }

      @Override
      public void close() {}
    };
    return ResponseBody.create(Okio.buffer(events), SSE, -1);
  }

  private Response observe(ResponseBody body) {
    return (Response) access.observeBody(response(body), "body");
  }

  private static Response response(ResponseBody body) {
    return new Response.Builder()
        .request(new Request.Builder().url("http://127.0.0.1/v1/chat/completions").build())
        .protocol(Protocol.HTTP_1_1)
        .code(200)
        .message("OK")
        .header("content-type", SSE.toString())
        .body(body)
        .build();
  }
}
