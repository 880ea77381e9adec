package dev.llmcost.agent.http.apache.helpers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.apache.hc.core5.http.nio.RequestChannel;
import org.apache.hc.core5.http.nio.entity.AsyncEntityProducers;
import org.apache.hc.core5.http.nio.entity.BasicAsyncEntityProducer;
import org.apache.hc.core5.http.nio.entity.StringAsyncEntityProducer;
import org.apache.hc.core5.http.nio.support.AsyncRequestBuilder;
import org.apache.hc.core5.http.nio.support.BasicRequestProducer;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.junit.jupiter.api.Test;

class AsyncRequestTest {
  private static final String JSON = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"héllo\"}]}";

  @Test
  void aSimpleRequestsBodyIsReadThroughItsPublicApi() throws Exception {
    AsyncRequest request = AsyncRequest.peek(SimpleRequestProducer.create(SimpleRequestBuilder
        .post("http://localhost/v1/chat/completions").setBody(JSON, ContentType.APPLICATION_JSON).build()));
    assertEquals("POST", request.request().getMethod());
    assertEquals(JSON, new String(request.body(1 << 20), StandardCharsets.UTF_8));
    assertEquals("{\"mod", new String(request.body(5), StandardCharsets.UTF_8));
  }

  @Test
  void inMemoryEntityProducersAreReadWithoutMovingWhatTheyWillSend() throws Exception {
    List<AsyncEntityProducer> producers = List.of(
        new StringAsyncEntityProducer(JSON, ContentType.APPLICATION_JSON),
        new BasicAsyncEntityProducer(JSON, ContentType.APPLICATION_JSON),
        new BasicAsyncEntityProducer(JSON.getBytes(StandardCharsets.UTF_8), ContentType.APPLICATION_JSON),
        AsyncEntityProducers.create(JSON, ContentType.APPLICATION_JSON));
    for (AsyncEntityProducer entity : producers) {
      AsyncRequestProducer producer =
          AsyncRequestBuilder.post("http://localhost/v1/chat/completions").setEntity(entity).build();
      AsyncRequest request = AsyncRequest.peek(producer);
      assertEquals(JSON, new String(request.body(1 << 20), StandardCharsets.UTF_8), entity.getClass().getName());
      assertEquals(JSON, produced(producer), "the client still sends the whole body");
    }
  }

  @Test
  void anApplicationsOwnProducerIsNeverAsked() throws Exception {
    AsyncRequestProducer own = new BasicRequestProducer("POST", java.net.URI.create("http://localhost/v1/messages")) {
      @Override
      public void sendRequest(RequestChannel channel, HttpContext context) {
        throw new AssertionError("must not be called");
      }
    };
    assertNull(AsyncRequest.peek(own));
  }

  /** What the producer sends when the client asks it to. */
  private static String produced(AsyncRequestProducer producer) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean[] ended = {false};
    DataStreamChannel channel = new DataStreamChannel() {
      @Override
      public void requestOutput() {
      }

      @Override
      public int write(ByteBuffer src) {
        int n = src.remaining();
        byte[] b = new byte[n];
        src.get(b);
        out.writeBytes(b);
        return n;
      }

      @Override
      public void endStream(List<? extends Header> trailers) {
        ended[0] = true;
      }

      @Override
      public void endStream() {
        ended[0] = true;
      }
    };
    for (int i = 0; i < 100 && !ended[0]; i++) {
      producer.produce(channel);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

}
