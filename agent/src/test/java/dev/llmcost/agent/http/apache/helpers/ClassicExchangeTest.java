package dev.llmcost.agent.http.apache.helpers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.llmcost.agent.http.RecordingCall;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpResponse;
import org.junit.jupiter.api.Test;

class ClassicExchangeTest {
  private static final String SSE = "data: {\"choices\":[]}\n\ndata: [DONE]\n\n";
  private final RecordingCall call = new RecordingCall();

  private static ClassicHttpResponse response(int status, String body, ContentType type) {
    BasicClassicHttpResponse response = new BasicClassicHttpResponse(status);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    response.setEntity(new InputStreamEntity(new ByteArrayInputStream(bytes), -1, type));
    return response;
  }

  @Test
  void theResponseIsTheSameObjectWithItsBodyShownToTheCallAsTheApplicationReadsIt() throws Exception {
    HttpPost post = new HttpPost("http://localhost/v1/chat/completions");
    ClassicHttpResponse response = response(200, SSE, ContentType.create("text/event-stream"));
    assertSame(response, new ClassicExchange(call, post).end(response, null));

    assertEquals(SSE, EntityUtils.toString(response.getEntity()));
    assertEquals(SSE, call.body());
    assertEquals(List.of("headers 200", "consumed", "complete"), call.events);
    assertEquals("text/event-stream", call.contentType);
  }

  @Test
  void aBodyWrittenOutByTheEntityIsShownToo() throws Exception {
    ClassicHttpResponse response = response(200, SSE, ContentType.APPLICATION_JSON);
    new ClassicExchange(call, new HttpPost("http://localhost/")).end(response, null);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    response.getEntity().writeTo(out);
    assertEquals(SSE, out.toString(StandardCharsets.UTF_8));
    assertEquals(SSE, call.body());
    assertEquals("complete", call.events.get(call.events.size() - 1));
  }

  @Test
  void anAbortedRequestIsTheApplicationsCancelWhetherItThrowsOrTheBodyIsClosed() throws Exception {
    HttpPost post = new HttpPost("http://localhost/");
    ClassicHttpResponse response = response(200, SSE, ContentType.APPLICATION_JSON);
    new ClassicExchange(call, post).end(response, null);
    InputStream in = response.getEntity().getContent();
    in.read();
    post.cancel();
    response.close();
    assertEquals(List.of("headers 200", "consumed", "cancelled"), call.events);

    RecordingCall beforeHeaders = new RecordingCall();
    HttpPost cancelled = new HttpPost("http://localhost/");
    cancelled.cancel();
    new ClassicExchange(beforeHeaders, cancelled).end(null, new java.io.IOException("Request aborted"));
    assertEquals(List.of("cancelled"), beforeHeaders.events);
  }

  @Test
  void onlyInMemoryRequestBodiesAreRead() {
    byte[] json = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(json, ClassicRequestBody.read(new StringEntity("{\"a\":1}"), 100));
    assertArrayEquals(Arrays.copyOf(json, 3), ClassicRequestBody.read(new ByteArrayEntity(json, null), 3));
    assertNull(ClassicRequestBody.read(new InputStreamEntity(new ByteArrayInputStream(json), null), 100));
  }

  @Test
  void theTargetIsTheExplicitHostOrTheRequestsOwnWithoutTheQuery() {
    HttpPost post = new HttpPost("https://api.openai.com/v1/chat/completions?x=1");
    assertEquals(new Target("https", "api.openai.com", 443, "/v1/chat/completions"), Target.of(null, post));
    assertEquals(new Target("http", "127.0.0.1", 8080, "/v1/chat/completions"),
        Target.of(new HttpHost("http", "127.0.0.1", 8080), post));
  }
}
