package dev.llmcost.agent.http.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.agent.call.CallRecord;
import dev.llmcost.agent.call.LlmCall;
import dev.llmcost.agent.call.Outcome;
import dev.llmcost.agent.provider.Api;
import dev.llmcost.agent.provider.Endpoint;
import dev.llmcost.bootstrap.JdkHttpHooks;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class TeeingBodySubscriberTest {
  private final List<CallRecord> settled = new CopyOnWriteArrayList<>();

  private LlmCall call() {
    LlmCall call = new LlmCall(new Endpoint("openai", Api.OPENAI_CHAT_COMPLETIONS, true), "h", 443,
        false, null, settled::add);
    call.onResponseHeaders(200, null);
    return call;
  }

  /** Feeds a whole body through the teeing subscriber, as the client would. */
  private static <T> void deliverBody(TeeingBodySubscriber<T> tee, String body) {
    tee.onSubscribe(new Flow.Subscription() {
      @Override
      public void request(long n) {}

      @Override
      public void cancel() {}
    });
    tee.onNext(List.of(ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8))));
    tee.onComplete();
  }

  @Test
  void aBodyDeliveredToTheApplicationsLineSubscriberIsConsumedWithoutReadingTheFuture() {
    BodySubscriber<Void> lines = BodySubscribers.fromLineSubscriber(new IgnoringSubscriber<>());
    assertTrue(CallbackSubscribers.handsBodyToApplication(lines));
    deliverBody(new TeeingBodySubscriber<>(lines, call(), true), "data: {}\n\ndata: [DONE]\n\n");
    assertEquals(Outcome.CONSUMED, settled.get(0).outcome());
  }

  /** An application may keep its futures (and through them this subscriber) long after. */
  @Test
  void theCopyOfTheBodyIsLetGoOnceTheBodyEnds() {
    for (boolean stream : new boolean[] {false, true}) {
      TeeingBodySubscriber<String> tee = new TeeingBodySubscriber<>(
          BodySubscribers.ofString(StandardCharsets.UTF_8), call(), false, stream, true);
      deliverBody(tee, "{\"id\":\"chatcmpl-1\",\"usage\":{\"prompt_tokens\":1}}");
      assertEquals(0, tee.heldCapacity(), stream ? "stream" : "whole body");
    }
  }

  /** The exit's abort comes from another thread: Flow's signals must still never overlap. */
  @Test
  void anAbortNeitherOverlapsASignalInProgressNorIsFollowedByOne() throws Exception {
    CountDownLatch inOnNext = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger inside = new AtomicInteger();
    List<String> seen = new CopyOnWriteArrayList<>();
    BodySubscriber<String> application = new BodySubscriber<>() {
      @Override
      public CompletionStage<String> getBody() {
        return new CompletableFuture<>();
      }

      @Override
      public void onSubscribe(Flow.Subscription subscription) {
        seen.add("subscribe");
      }

      @Override
      public void onNext(List<ByteBuffer> items) {
        seen.add(inside.incrementAndGet() > 1 ? "overlap" : "next");
        inOnNext.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        inside.decrementAndGet();
      }

      @Override
      public void onError(Throwable throwable) {
        seen.add(inside.incrementAndGet() > 1 ? "overlap" : "error");
        inside.decrementAndGet();
      }

      @Override
      public void onComplete() {
        seen.add("complete");
      }
    };
    TeeingBodySubscriber<String> tee = new TeeingBodySubscriber<>(application, call(), false);
    tee.onSubscribe(new Flow.Subscription() {
      @Override
      public void request(long n) {}

      @Override
      public void cancel() {}
    });
    Thread client = new Thread(() -> tee.onNext(List.of(ByteBuffer.wrap(new byte[] {'{'}))));
    client.start();
    inOnNext.await();
    tee.abort(new IOException("exit")); // the subscriber is busy: gives up after a moment
    release.countDown();
    client.join();
    tee.abort(new IOException("exit")); // idle now: the error is delivered
    tee.onNext(List.of(ByteBuffer.wrap(new byte[] {'}'}))); // a late piece is not
    assertEquals(List.of("subscribe", "next", "error"), seen);
  }

  @Test
  void theJdksOtherCallbackSubscribersAreRecognised() {
    assertTrue(CallbackSubscribers.handsBodyToApplication(
        BodySubscribers.fromSubscriber(new IgnoringSubscriber<List<ByteBuffer>>())));
    assertTrue(CallbackSubscribers.handsBodyToApplication(BodySubscribers.ofByteArrayConsumer(b -> { })));
  }

  @Test
  void aBodyForTheFutureWaitsForTheApplicationToReadIt() {
    BodySubscriber<String> string = BodySubscribers.ofString(StandardCharsets.UTF_8);
    assertFalse(CallbackSubscribers.handsBodyToApplication(string));
    deliverBody(new TeeingBodySubscriber<>(string, call(), false), "{}");
    assertTrue(settled.isEmpty(), "settles when the future is read, or dropped");
  }

  @Test
  void theJdkIsAskedAboutTheApplicationsSubscriberNotTheWrapper() {
    // What the advice on TrustedSubscriber.needsExecutor substitutes for its argument: the JDK
    // then trusts (or not) exactly the subscriber it would have without the agent.
    BodySubscriber<String> application = BodySubscribers.ofString(StandardCharsets.UTF_8);
    TeeingBodySubscriber<String> wrapper = new TeeingBodySubscriber<>(application, call(), false);
    assertSame(application, JdkHttpHooks.unwrapSubscriber(wrapper));
    assertSame(application, JdkHttpHooks.unwrapSubscriber(application), "other subscribers pass as they are");
    assertSame(null, JdkHttpHooks.unwrapSubscriber(null));
  }

  private static final class IgnoringSubscriber<T> implements Flow.Subscriber<T> {
    @Override
    public void onSubscribe(Flow.Subscription s) {
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(T item) {}

    @Override
    public void onError(Throwable t) {}

    @Override
    public void onComplete() {}
  }
}
