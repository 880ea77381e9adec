package dev.llmcost.agent.http;

import dev.llmcost.agent.context.ApplicationContext;
import java.util.Set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.agent.call.AbandonWatcher;
import dev.llmcost.agent.call.CallRecord;
import dev.llmcost.agent.call.CallSites;
import dev.llmcost.agent.call.CallTracker;
import dev.llmcost.agent.call.Outcome;
import dev.llmcost.agent.provider.Endpoints;
import dev.llmcost.bootstrap.InFlight;
import dev.llmcost.bootstrap.InFlightCalls;
import dev.llmcost.bootstrap.TrackedCall;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TrackedLlmCallTest {
  private static final String REQUEST = "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"messages\":[]}";
  private static final String STREAM =
      "data: {\"id\":\"c1\",\"model\":\"gpt-4o-mini\",\"choices\":[{\"delta\":{\"content\":\"hi\"}}]}\n\n"
      + "data: {\"id\":\"c1\",\"choices\":[],"
      + "\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":2,\"total_tokens\":9}}\n\n"
      + "data: [DONE]\n\n";

  private final List<CallRecord> settled = new CopyOnWriteArrayList<>();
  private final TransportCalls calls = new TransportCalls(new CallTracker(Endpoints.defaults(), settled::add,
      new CallSites(), new AbandonWatcher(), 1 << 20, false, new ApplicationContext(Set.of())));

  private TrackedCall start() {
    String path = "/v1/chat/completions";
    Object endpoint = calls.match("POST", "https", "api.openai.com", 443, path);
    TrackedCall call = calls.start(endpoint, "api.openai.com", 443, path,
        REQUEST.getBytes(StandardCharsets.UTF_8), true);
    call.onResponseHeaders(200, "text/event-stream", null);
    call.markConsumed();
    return call;
  }

  @Test
  void aStreamClosedAfterItsEndMarkerGaveTheApplicationTheWholeAnswer() {
    TrackedCall call = start();
    call.onBytes(ByteBuffer.wrap(STREAM.getBytes(StandardCharsets.UTF_8)));
    call.onClosedByApp(); // the chunked terminator was never read
    assertEquals(Outcome.CONSUMED, settled.get(0).outcome());
    assertEquals(7, settled.get(0).response().usage.inputTokens());
  }

  @Test
  void aStreamClosedBeforeItsEndMarkerWasClosedEarly() {
    TrackedCall call = start();
    call.onBytes(ByteBuffer.wrap(STREAM.substring(0, 40).getBytes(StandardCharsets.UTF_8)));
    call.onClosedByApp();
    assertEquals(Outcome.STREAM_CLOSED_EARLY, settled.get(0).outcome());
  }

  @Test
  void theTransportsCancelNeverRunsOnTheThreadThatAsksForIt() throws InterruptedException {
    List<InFlight> before = InFlightCalls.snapshot();
    TrackedCall call = start();
    InFlight started = InFlightCalls.snapshot().stream().filter(c -> !before.contains(c)).findFirst().orElseThrow();
    AtomicReference<Thread> ranOn = new AtomicReference<>();
    CountDownLatch ran = new CountDownLatch(1);
    call.setCancel(() -> {
      ranOn.set(Thread.currentThread());
      ran.countDown();
    });
    started.cancelAtShutdown();
    assertTrue(ran.await(10, TimeUnit.SECONDS));
    assertNotSame(Thread.currentThread(), ranOn.get());
    assertEquals(Outcome.CANCELLED_AT_SHUTDOWN, settled.get(0).outcome());
  }
}
