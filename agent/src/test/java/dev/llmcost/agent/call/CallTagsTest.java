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

  private static CallTags onThreadNamed(String name) throws InterruptedException {
    AtomicReference<CallTags> tags = new AtomicReference<>();
    Thread thread = new Thread(() -> tags.set(CallTags.ofCurrentThread()), name);
    thread.start();
    thread.join();
    return tags.get();
  }
}
