package dev.llmcost.agent.http.okhttp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.llmcost.bootstrap.OkHttpAccess;
import java.nio.charset.StandardCharsets;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.internal.connection.RealCall;
import org.junit.jupiter.api.Test;

/** Runs against the real OkHttp 5 on this module's class path (the exporter's, unshaded here). */
class OkHttpBridgeTest {
  private static final String CHAT = "{\"model\":\"gpt-4o-mini\",\"messages\":[]}";

  @Test
  void theBridgeIsDefinedNextToTheApplicationsRealCall() {
    OkHttpAccess access = new OkHttpBridge().accessFor(RealCall.class);

    assertNotNull(access);
    assertSame(RealCall.class.getClassLoader(), access.getClass().getClassLoader());
    assertEquals(RealCall.class.getPackageName(), access.getClass().getPackageName());
  }

  @Test
  void itReadsARealCallsRequest() {
    OkHttpAccess access = new OkHttpBridge().accessFor(RealCall.class);
    Call call = new OkHttpClient().newCall(new Request.Builder()
        .url("http://127.0.0.1:8080/v1/chat/completions")
        .post(RequestBody.create(CHAT, MediaType.get("application/json")))
        .build());

    assertEquals("POST", access.method(call));
    assertEquals("127.0.0.1", access.host(call));
    assertEquals(8080, access.port(call));
    assertEquals("/v1/chat/completions", access.encodedPath(call));
    assertArrayEquals(CHAT.getBytes(StandardCharsets.UTF_8), access.requestBody(call, 1 << 20));
  }

  @Test
  void anotherBridgeReusesTheClassesAlreadyDefinedInThatLoader() {
    OkHttpAccess first = new OkHttpBridge().accessFor(RealCall.class);
    OkHttpAccess second = new OkHttpBridge().accessFor(RealCall.class);
    assertSame(first.getClass(), second.getClass());
  }
}
