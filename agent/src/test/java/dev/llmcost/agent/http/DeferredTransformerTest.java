package dev.llmcost.agent.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.instrument.ClassFileTransformer;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DeferredTransformerTest {
  private static final byte[] ORIGINAL = {1};
  private static final byte[] TRANSFORMED = {2};
  private final DeferredTransformer gate = new DeferredTransformer(Set.of("a/b/Target", "a/b/Task"), Set.of("a/b/Task"));
  private final ClassFileTransformer instrumentation = new ClassFileTransformer() {
    @Override
    public byte[] transform(Module m, ClassLoader l, String name, Class<?> redefined,
        java.security.ProtectionDomain d, byte[] bytes) {
      return TRANSFORMED;
    }
  };

  @Test
  void otherClassesPassAtOnceEvenBeforeInstrumentationIsReady() throws Exception {
    assertNull(gate.transform(null, null, "a/b/Other", null, null, ORIGINAL));
  }

  @Test
  void aClassToInstrumentWaitsForInstrumentationThenGetsIt() throws Exception {
    CompletableFuture<byte[]> loading = CompletableFuture.supplyAsync(() ->
        gate.transform(null, null, "a/b/Target", null, null, ORIGINAL));
    Thread.sleep(100);
    assertFalse(loading.isDone(), "waits while ByteBuddy is being set up");
    gate.ready(instrumentation);
    assertArrayEquals(TRANSFORMED, loading.get(5, TimeUnit.SECONDS));
  }

  /** A pool's task class must not hold up the application's start: it is retransformed later. */
  @Test
  void aClassThatDoesNotWaitLoadsAsItIsAndIsLeftForRetransformation() throws Exception {
    assertNull(gate.transform(null, null, "a/b/Task", null, null, ORIGINAL));
    assertEquals(Set.of("a/b/Task"), gate.missed());
    gate.ready(instrumentation);
    assertArrayEquals(TRANSFORMED, gate.transform(null, null, "a/b/Task", null, null, ORIGINAL),
        "instrumented as any other once ready");
  }

  /** The application's first client waits for its own class, not for the whole set-up. */
  @Test
  void aClassDoneAheadOfTimeIsHandedOutBeforeTheRestIsReady() throws Exception {
    byte[] aheadOfTime = {3};
    gate.comesAheadOfTime("a/b/Target");
    CompletableFuture<byte[]> loading = CompletableFuture.supplyAsync(() ->
        gate.transform(null, null, "a/b/Target", null, null, ORIGINAL));
    Thread.sleep(100);
    assertFalse(loading.isDone(), "waits for its class to be done");
    gate.transformedAheadOfTime("a/b/Target", ORIGINAL, aheadOfTime);
    assertArrayEquals(aheadOfTime, loading.get(5, TimeUnit.SECONDS), "the rest still not ready");
  }

  /** Not done ahead of time after all (or other bytes than the JVM's): it waits for the rest. */
  @Test
  void aClassNotDoneAheadOfTimeWaitsForTheRest() throws Exception {
    gate.comesAheadOfTime("a/b/Target");
    CompletableFuture<byte[]> loading = CompletableFuture.supplyAsync(() ->
        gate.transform(null, null, "a/b/Target", null, null, ORIGINAL));
    gate.notAheadOfTime("a/b/Target");
    Thread.sleep(100);
    assertFalse(loading.isDone(), "waits while ByteBuddy is being set up");
    gate.ready(instrumentation);
    assertArrayEquals(TRANSFORMED, loading.get(5, TimeUnit.SECONDS));

    gate.transformedAheadOfTime("a/b/Target", new byte[] {9}, new byte[] {4});
    assertArrayEquals(TRANSFORMED, gate.transform(null, null, "a/b/Target", null, null, ORIGINAL),
        "bytes done from another class file are not used");
  }
}
