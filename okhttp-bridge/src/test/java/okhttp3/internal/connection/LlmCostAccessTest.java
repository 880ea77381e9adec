package okhttp3.internal.connection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.bootstrap.OkHttpHooks;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSink;
import okio.Okio;
import okio.Pipe;
import okio.Source;
import okio.Timeout;
import okio.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlmCostAccessTest {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final String CHAT = "{\"model\":\"gpt-4o-mini\",\"messages\":[]}";

  private final OkHttpClient client = new OkHttpClient();
  private final LlmCostAccess access = new LlmCostAccess();

  @AfterEach
  void uninstall() {
    OkHttpHooks.install(null);
  }

  @Test
  void theRequestLineIsReadFromTheCall() {
    Call call = call("https://api.openai.com/v1/chat/completions", RequestBody.create(CHAT, JSON));
    assertEquals("POST", access.method(call));
    assertEquals("https", access.scheme(call));
    assertEquals("api.openai.com", access.host(call));
    assertEquals(443, access.port(call));
    assertEquals("/v1/chat/completions", access.encodedPath(call));
    assertFalse(access.isExecuted(call));
  }

  @Test
  void okHttpsInMemoryBodiesAreRead() {
    byte[] expected = CHAT.getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(expected, bodyOf(RequestBody.create(CHAT, JSON), 1 << 20));
    assertArrayEquals(expected, bodyOf(RequestBody.create(expected, JSON), 1 << 20));
    assertArrayEquals(expected, bodyOf(RequestBody.create(ByteString.of(expected), JSON), 1 << 20));
    assertArrayEquals("a=b".getBytes(StandardCharsets.UTF_8),
        bodyOf(new FormBody.Builder().add("a", "b").build(), 1 << 20));
  }

  @Test
  void aBodyThatStatesItCanBeWrittenAgainIsRead() {
    RequestBody sdkStyle = new RequestBody() {
      @Override
      public MediaType contentType() {
        return JSON;
      }

      @Override
      public boolean isOneShot() {
        return false;
      }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        sink.writeUtf8(CHAT);
      }
    };
    assertArrayEquals(CHAT.getBytes(StandardCharsets.UTF_8), bodyOf(sdkStyle, 1 << 20));
  }

  @Test
  void bodiesThatMightHaveSideEffectsAreNeverWritten(@TempDir Path dir) throws IOException {
    AtomicInteger writes = new AtomicInteger();
    RequestBody streaming = new RequestBody() {
      @Override
      public MediaType contentType() {
        return JSON;
      }

      @Override
      public void writeTo(BufferedSink sink) {
        writes.incrementAndGet();
      }
    };
    RequestBody oneShot = new RequestBody() {
      @Override
      public MediaType contentType() {
        return JSON;
      }

      @Override
      public boolean isOneShot() {
        return true;
      }

      @Override
      public void writeTo(BufferedSink sink) {
        writes.incrementAndGet();
      }
    };
    File file = Files.writeString(dir.resolve("body.json"), CHAT).toFile();

    assertNull(bodyOf(streaming, 1 << 20));
    assertNull(bodyOf(oneShot, 1 << 20));
    assertNull(bodyOf(RequestBody.create(file, JSON), 1 << 20));
    assertNull(bodyOf(new MultipartBody.Builder().addFormDataPart("f", "x", RequestBody.create(file, JSON)).build(), 1 << 20));
    assertEquals(0, writes.get());
  }

  @Test
  void aBodyLargerThanTheLimitGivesItsFirstBytes() {
    assertArrayEquals("{\"model\"".getBytes(StandardCharsets.UTF_8), bodyOf(RequestBody.create(CHAT, JSON), 8));
  }

  @Test
  void theCallbackGetsTheObservedResponseOnTheSameCallAndFailuresUnchanged() throws IOException {
    RecordingHooks hooks = RecordingHooks.install();
    Call call = call("http://127.0.0.1/v1/chat/completions", RequestBody.create(CHAT, JSON));
    Response original = new Response.Builder().request(call.request()).protocol(Protocol.HTTP_1_1)
        .code(200).message("OK").body(ResponseBody.create("{}", JSON)).build();
    Response replacement = original.newBuilder().build();
    hooks.replacementResponse = replacement;
    Object[] seen = new Object[3];
    Callback app = new Callback() {
      @Override
      public void onResponse(Call c, Response r) {
        seen[0] = c;
        seen[1] = r;
      }

      @Override
      public void onFailure(Call c, IOException e) {
        seen[2] = e;
      }
    };
    Callback observed = (Callback) access.observeCallback(app, "token");

    observed.onResponse(call, original);
    IOException failure = new IOException("Canceled");
    observed.onFailure(call, failure);

    assertSame(call, seen[0]);
    assertSame(replacement, seen[1]);
    assertSame(failure, seen[2]);
    assertEquals(java.util.List.of("end response", "end IOException"), hooks.events());
  }

  /** A provider that stalls, with the application's read timeout off, no longer keeps the drain. */
  @Test
  void aDrainStopsAtItsDeadlineOrByteLimitAndClosesTheBody() throws IOException {
    RecordingHooks hooks = new RecordingHooks();
    OkHttpHooks.install(hooks);
    Pipe stalled = new Pipe(1024);
    stalled.sink().write(new Buffer().writeUtf8("data: {}\n\n"), 10);
    ResponseBody body = ResponseBody.create(Okio.buffer(stalled.source()), JSON, -1);
    long started = System.nanoTime();
    LlmCostAccess.drain(body, new Object(), TimeUnit.MILLISECONDS.toNanos(200), Long.MAX_VALUE);
    assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5));
    assertTrue(hooks.events().contains("failed InterruptedIOException"), hooks.events().toString());
    assertThrows(IllegalStateException.class, () -> body.source().readByte(), "closed");

    ResponseBody endless = ResponseBody.create(Okio.buffer(new Source() {
      @Override
      public long read(Buffer sink, long byteCount) {
        sink.write(new byte[(int) byteCount]);
        return byteCount;
      }

      @Override
      public Timeout timeout() {
        return Timeout.NONE;
      }

      @Override
      public void close() {
      }
    }), JSON, -1);
    LlmCostAccess.drain(endless, new Object(), Long.MAX_VALUE / 2, 1 << 20);
    assertThrows(IllegalStateException.class, () -> endless.source().readByte(), "closed");
  }

  @Test
  void cancellingThroughTheAccessCancelsTheCall() {
    Call call = call("http://127.0.0.1/v1/messages", RequestBody.create(CHAT, JSON));
    access.cancel(call);
    assertTrue(access.isCanceled(call));
  }

  private byte[] bodyOf(RequestBody body, int maxBytes) {
    return access.requestBody(call("http://127.0.0.1/v1/chat/completions", body), maxBytes);
  }

  private Call call(String url, RequestBody body) {
    return client.newCall(new Request.Builder().url(url).post(body).build());
  }
}
