package dev.llmcost.agent.http.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.agent.call.CallRecord;
import dev.llmcost.agent.call.LlmCall;
import dev.llmcost.agent.call.Outcome;
import dev.llmcost.agent.provider.Api;
import dev.llmcost.agent.provider.Endpoint;
import dev.llmcost.agent.provider.Endpoints;
import dev.llmcost.agent.provider.ResponseParser;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.ref.Cleaner;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ObservedBodyTest {
  private static final String CHAT_JSON = "{\"id\":\"chatcmpl-1\",\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,"
      + "\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"finish_reason\":\"stop\"}],"
      + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":5,\"total_tokens\":17}}";
  private static final String CHAT_STREAM =
      "data: {\"id\":\"c\",\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n"
      + "data: {\"id\":\"c\",\"model\":\"gpt-4o-mini\",\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":5}}\n\n"
      + "data: [DONE]\n\n";

  private final List<CallRecord> settled = new ArrayList<>();
  private final AtomicBoolean canceled = new AtomicBoolean();

  @Test
  void aJsonBodyClosedRightAfterItsClosingBraceIsComplete() {
    LlmCall call = call();
    ObservedBody body = body(call, 200, false, -1);
    body.onBytes(bytes(CHAT_JSON));
    body.onClose(); // a JSON parser stops at the brace; the stream's end is never read
    assertEquals(Outcome.CONSUMED, only().outcome());
    assertEquals(12, only().response().usage.inputTokens());
  }

  @Test
  void aBodyIsCompleteAtTheLastByteOfItsContentLength() {
    LlmCall call = call();
    ObservedBody body = body(call, 200, false, 7);
    body.onBytes(bytes("{\"a\":"));
    assertTrue(settled.isEmpty());
    body.onBytes(bytes("1}"));
    assertEquals(Outcome.CONSUMED, only().outcome());
  }

  @Test
  void aStreamReadToItsEndIsCompleteAndLaterSignalsChangeNothing() {
    LlmCall call = call();
    ObservedBody body = body(call, 200, true, -1);
    for (String event : CHAT_STREAM.split("(?<=\n\n)")) {
      body.onBytes(bytes(event));
    }
    body.onEnd();
    body.onClose();
    body.onFailure(new IOException("late"));
    assertEquals(Outcome.CONSUMED, only().outcome());
    assertEquals(5, only().response().usage.outputTokens());
  }

  @Test
  void aStreamClosedBeforeItsEndMarkerWasClosedEarly() {
    LlmCall call = call();
    ObservedBody body = body(call, 200, true, -1);
    body.onBytes(bytes(CHAT_STREAM.split("(?<=\n\n)")[0]));
    body.onClose();
    assertEquals(Outcome.STREAM_CLOSED_EARLY, only().outcome());
  }

  @Test
  void aReadFailingOnACallTheApplicationCancelledIsACancel() {
    LlmCall call = call();
    ObservedBody body = body(call, 200, true, -1);
    canceled.set(true);
    body.onFailure(new IOException("Canceled"));
    assertEquals(Outcome.CANCELLED, only().outcome());
  }

  @Test
  void closingTheBodyOfACancelledCallIsACancel() {
    LlmCall call = call();
    ObservedBody body = body(call, 200, true, -1);
    canceled.set(true);
    body.onClose();
    assertEquals(Outcome.CANCELLED, only().outcome());
  }

  @Test
  void okHttpsCallTimeoutIsAFailureThoughItCancelsTheCall() {
    LlmCall call = call();
    ObservedBody body = body(call, 200, true, -1);
    canceled.set(true);
    body.onFailure(new InterruptedIOException("timeout"));
    assertEquals(Outcome.FAILED, only().outcome());
    assertTrue(only().error() instanceof InterruptedIOException);
  }

  @Test
  void anErrorBodyClosedUnreadIsStillAFailedCallNotAnEarlyClose() {
    LlmCall call = call();
    ObservedBody body = body(call, 429, false, 120);
    body.onClose();
    assertEquals(Outcome.FAILED, only().outcome());
    assertEquals(429, only().statusCode());
  }

  @Test
  void readingTheBodyIsUsingTheResult() {
    LlmCall call = unreadCall();
    ObservedBody body = body(call, 200, false, -1);
    body.onBytes(bytes(CHAT_JSON));
    body.onClose();
    assertEquals(Outcome.CONSUMED, only().outcome());
    assertEquals(ObservedBody.Unreachable.NOTHING, body.onUnreachable());
  }

  @Test
  void aBodyNeverReadIsAbandonedWithTheUsageReadWhenItIsDrained() {
    LlmCall call = unreadCall();
    ObservedBody body = body(call, 200, false, -1);
    assertEquals(ObservedBody.Unreachable.DRAIN, body.onUnreachable());
    assertTrue(settled.isEmpty(), "the wire's end comes from draining the rest");
    body.onBytes(bytes(CHAT_JSON)); // the agent's drain, not the application
    body.onEnd();
    assertEquals(Outcome.ABANDONED, only().outcome());
    assertEquals(12, only().response().usage.inputTokens());
    assertEquals(5, only().response().usage.outputTokens());
  }

  @Test
  void aBodyReadPartlyAndDroppedWasClosedEarly() {
    LlmCall call = unreadCall();
    ObservedBody body = body(call, 200, true, -1);
    body.onBytes(bytes(CHAT_STREAM.split("(?<=\n\n)")[0]));
    assertEquals(ObservedBody.Unreachable.CLOSE, body.onUnreachable());
    assertEquals(Outcome.STREAM_CLOSED_EARLY, only().outcome());
  }

  /** An SDK closes a stream the application dropped once it is collected, from a Cleaner. */
  @Test
  void aBodyNeverReadThatACleanerClosesIsAbandonedAndLeftOpenForTheDrain() throws Exception {
    LlmCall call = unreadCall();
    ObservedBody body = body(call, 200, true, -1);
    AtomicInteger drains = new AtomicInteger();
    body.whenDroppedUnread(() -> {
      assertEquals(ObservedBody.Unreachable.DRAIN, body.onUnreachable());
      drains.incrementAndGet();
    });
    AtomicBoolean handedOver = new AtomicBoolean();
    CountDownLatch closed = new CountDownLatch(1);
    Cleaner cleaner = Cleaner.create();
    cleaner.register(new Object(), () -> {
      handedOver.set(body.onClose());
      closed.countDown();
    });
    for (int i = 0; i < 100 && closed.getCount() > 0; i++) {
      System.gc();
      closed.await(50, TimeUnit.MILLISECONDS);
    }
    assertTrue(handedOver.get(), "the agent reads the rest, then closes it");
    assertTrue(body.onClose(), "a second close while it is read (the SDK's response) leaves it open");
    assertEquals(ObservedBody.Unreachable.NOTHING, body.onUnreachable());
    assertEquals(1, drains.get());
    for (String event : CHAT_STREAM.split("(?<=\n\n)")) {
      body.onBytes(bytes(event)); // the agent's drain
    }
    body.onEnd();
    assertFalse(body.onClose(), "the drain closes the body at its end");
    assertEquals(Outcome.ABANDONED, only().outcome());
    assertEquals(5, only().response().usage.outputTokens());
  }

  @Test
  void aBodyTheApplicationClosesUnreadIsClosedEarlyNotHandedOver() {
    LlmCall call = unreadCall();
    ObservedBody body = body(call, 200, true, -1);
    body.whenDroppedUnread(() -> { throw new AssertionError("not dropped: closed by the application"); });
    assertFalse(body.onClose());
    assertEquals(Outcome.STREAM_CLOSED_EARLY, only().outcome());
  }

  @Test
  void theCancelRuleKeepsTimeoutsAsFailures() {
    assertTrue(ObservedBody.cancelledByApp(true, new IOException("Canceled")));
    assertFalse(ObservedBody.cancelledByApp(true, new InterruptedIOException("timeout")));
    assertFalse(ObservedBody.cancelledByApp(false, new IOException("reset")));
  }

  private LlmCall call() {
    LlmCall call = new LlmCall(new Endpoint("openai", Api.OPENAI_CHAT_COMPLETIONS, true),
        "api.openai.com", 443, true, null, settled::add);
    call.markConsumed(); // the application has the response in hand
    return call;
  }

  private LlmCall unreadCall() {
    return new LlmCall(new Endpoint("openai", Api.OPENAI_CHAT_COMPLETIONS, true),
        "api.openai.com", 443, false, null, settled::add);
  }

  private ObservedBody body(LlmCall call, int status, boolean sse, long contentLength) {
    ResponseParser parser = Endpoints.codecFor(Api.OPENAI_CHAT_COMPLETIONS).newResponseParser(sse, null);
    call.onResponseHeaders(status, parser);
    return new ObservedBody(call, parser, contentLength, status >= 400, canceled::get);
  }

  private CallRecord only() {
    assertEquals(1, settled.size(), settled.toString());
    return settled.get(0);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
