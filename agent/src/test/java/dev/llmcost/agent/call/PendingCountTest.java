package dev.llmcost.agent.call;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The application's next call waits for the count of a call handed over uncounted, and only then. */
@Timeout(60)
class PendingCountTest {
  /** Long enough that no test depends on how fast this machine is. */
  private static final long PATIENT = TimeUnit.SECONDS.toNanos(30);

  @Test
  void aCallNeverHandedOverUncountedIsNotWaitedFor() {
    new PendingCount(PATIENT).await(); // returns at once, or the test times out
  }

  @Test
  void theNextCallWaitsUntilTheCountingThreadHasCounted() throws Exception {
    PendingCount count = new PendingCount(PATIENT);
    AtomicBoolean spendRecorded = new AtomicBoolean();
    CountDownLatch handedOver = new CountDownLatch(1);
    CountDownLatch waiting = new CountDownLatch(1);
    CompletableFuture<Void> counter = CompletableFuture.runAsync(() -> {
      count.handedOver();
      handedOver.countDown();
      try {
        waiting.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      spendRecorded.set(true);
      count.counted();
    });
    handedOver.await();
    waiting.countDown();
    count.await();
    assertTrue(spendRecorded.get(), "the application went on before the call was counted");
    counter.get(10, TimeUnit.SECONDS);
  }

  @Test
  void theCountingThreadItselfNeverWaits() {
    PendingCount count = new PendingCount(PATIENT);
    count.handedOver();
    count.await(); // a callback on the counting thread starting a call: returns at once
  }

  @Test
  void aCountThatNeverComesHoldsTheApplicationUpOnlyBriefly() throws Exception {
    PendingCount count = new PendingCount(TimeUnit.MILLISECONDS.toNanos(20));
    CompletableFuture.runAsync(count::handedOver).get(10, TimeUnit.SECONDS);
    count.await(); // gives up after its bound instead of hanging
  }

  @Test
  void aCountedCallNoLongerHoldsTheThreadThatCountedIt() throws Exception {
    PendingCount count = new PendingCount(PATIENT);
    Thread worker = new Thread(() -> {
      count.handedOver();
      count.counted();
    });
    worker.start();
    worker.join();
    WeakReference<Thread> gone = new WeakReference<>(worker);
    worker = null;
    for (int i = 0; i < 50 && gone.get() != null; i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertNull(gone.get(), "an application thread's last count kept a finished worker thread");
    assertTrue(count.isHandedOver());
    count.await(); // counted: returns at once
  }
}
