package dev.llmcost.agent.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CallTagsTest {
  @Test
  void aNamedThreadIsNamed() throws Exception {
    assertEquals("checkout-worker-3", onThreadNamed("checkout-worker-3").threadName());
  }

  /** Virtual threads have no name unless given one: no empty {@code thread.name} on their spans. */
  @Test
  void aThreadWithoutANameHasNone() throws Exception {
    assertNull(onThreadNamed("").threadName());
  }

  /** An SDK sends from its pool for an unnamed virtual thread: the pool's name is not the caller's. */
  @Test
  void aSendingThreadCarryingAnUnnamedThreadsCallHasNoName() throws Exception {
    CallTags fromUnnamed = onThreadNamed("");
    AtomicReference<CallTags> sent = new AtomicReference<>();
    Thread sdkPool = new Thread(() -> {
      CallTags.carry(fromUnnamed);
      try {
        sent.set(CallTags.ofCurrentThread());
      } finally {
        CallTags.carry(null);
      }
    }, "ForkJoinPool.commonPool-worker-1");
    sdkPool.start();
    sdkPool.join();
    assertNull(sent.get().threadName());
  }

  private static CallTags onThreadNamed(String name) throws InterruptedException {
    AtomicReference<CallTags> tags = new AtomicReference<>();
    Thread thread = new Thread(() -> tags.set(CallTags.ofCurrentThread()), name);
    thread.start();
    thread.join();
    return tags.get();
  }
}
