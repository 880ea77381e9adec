package dev.llmcost.agent.http.apache.helpers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmcost.agent.http.RecordingCall;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleResponseConsumer;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.message.BasicHttpResponse;
import org.apache.hc.core5.http.nio.entity.BasicAsyncEntityProducer;
import org.junit.jupiter.api.Test;

class TeeingResponseConsumerTest {
  private static final String BODY = "{\"id\":\"chatcmpl-1\",\"usage\":{\"prompt_tokens\":3}}";

  private final RecordingCall call = new RecordingCall();
  private final AsyncExchange exchange = new AsyncExchange(call);

  @Test
  void theLibrarysConsumerGetsItsBodyAndTheCallSeesEveryByteAndTheEnd() throws Exception {
    SimpleHttpResponse[] result = new SimpleHttpResponse[1];
    TeeingResponseConsumer<SimpleHttpResponse> consumer =
        new TeeingResponseConsumer<>(SimpleResponseConsumer.create(), exchange);
    consumer.consumeResponse(new BasicHttpResponse(200),
        new BasicAsyncEntityProducer(BODY, ContentType.APPLICATION_JSON), null, callback(result));
    // SimpleResponseConsumer copies from the array without moving the buffer's position
    byte[] bytes = BODY.getBytes(StandardCharsets.UTF_8);
    consumer.consume(ByteBuffer.wrap(bytes, 0, 10));
    consumer.consume(ByteBuffer.wrap(bytes, 10, bytes.length - 10));
    consumer.streamEnd(null);

    assertEquals(BODY, result[0].getBodyText());
    assertEquals(BODY, call.body());
    assertEquals(List.of("headers 200", "complete"), call.events);
    assertEquals("application/json; charset=UTF-8", call.contentType);
  }

  @Test
  void aCancelledExchangeIsTheApplicationsCancelAndAnyOtherFailureFailsTheCall() {
    new TeeingResponseConsumer<>(SimpleResponseConsumer.create(), exchange)
        .failed(new CancellationException("Request execution cancelled"));
    RecordingCall other = new RecordingCall();
    new TeeingResponseConsumer<>(SimpleResponseConsumer.create(), new AsyncExchange(other))
        .failed(new java.net.SocketException("Connection reset"));
    assertEquals(List.of("cancelled"), call.events);
    assertEquals(List.of("failed SocketException"), other.events);
  }

  private static FutureCallback<SimpleHttpResponse> callback(SimpleHttpResponse[] result) {
    return new FutureCallback<>() {
      @Override
      public void completed(SimpleHttpResponse r) {
        result[0] = r;
      }

      @Override
      public void failed(Exception ex) {
      }

      @Override
      public void cancelled() {
      }
    };
  }
}
