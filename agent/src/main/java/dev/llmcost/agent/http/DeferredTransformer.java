package dev.llmcost.agent.http;

import dev.llmcost.agent.AgentLog;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The only transformer the JVM calls at start-up: one set lookup per class that loads. ByteBuddy
 * (hundreds of classes, a good part of a second) is set up on a background thread meanwhile; a
 * class to instrument that loads before it is ready waits for it, so no call goes untracked.
 */
final class DeferredTransformer implements ClassFileTransformer {
  /** Longer than ByteBuddy ever takes; past it the class loads as it is and is retransformed later. */
  private static final long WAIT_SECONDS = 10;
  private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(WAIT_SECONDS);

  private final Set<String> internalNames;
  /** Targets that load as they are while the instrumentation is not ready, retransformed later. */
  private final Set<String> notWaiting;
  private final CompletableFuture<ClassFileTransformer> delegate = new CompletableFuture<>();
  private final Set<String> missed = ConcurrentHashMap.newKeySet();
  /**
   * JDK classes to be transformed ahead of time, by name: {original bytes, transformed bytes},
   * or null once that was not possible. Each is handed out as soon as it is done, before the
   * rest of the instrumentation is ready: the application's first client waits for its own class.
   */
  private final Map<String, CompletableFuture<byte[][]>> aheadOfTime = new ConcurrentHashMap<>();

  /**
   * @param internalNames the classes to instrument, as the JVM names them ({@code a/b/C$D})
   * @param notWaiting those of them that do not wait for the instrumentation to be ready
   */
  DeferredTransformer(Set<String> internalNames, Set<String> notWaiting) {
    this.internalNames = internalNames;
    this.notWaiting = notWaiting;
  }

  boolean isTarget(String internalName) {
    return internalName != null && internalNames.contains(internalName);
  }

  /** {@code internalName} will be transformed ahead of time: its loading waits for that alone. */
  void comesAheadOfTime(String internalName) {
    aheadOfTime.putIfAbsent(internalName, new CompletableFuture<>());
  }

  /** The JVM will hand over exactly {@code original} when it loads the class: answer at once. */
  void transformedAheadOfTime(String internalName, byte[] original, byte[] transformed) {
    aheadOfTime.computeIfAbsent(internalName, name -> new CompletableFuture<>())
        .complete(new byte[][] {original, transformed});
  }

  /** {@code internalName} could not be transformed ahead of time: it waits for the rest. */
  void notAheadOfTime(String internalName) {
    CompletableFuture<byte[][]> pending = aheadOfTime.get(internalName);
    if (pending != null) {
      pending.complete(null);
    }
  }

  void ready(ClassFileTransformer transformer) {
    delegate.complete(transformer);
    aheadOfTime.values().forEach(pending -> pending.complete(null)); // any left undone
  }

  void failed(Throwable t) {
    delegate.completeExceptionally(t);
    aheadOfTime.values().forEach(pending -> pending.complete(null));
  }

  /**
   * Classes that loaded uninstrumented, because the wait timed out or they do not wait (to
   * retransform once ready).
   */
  Set<String> missed() {
    return missed;
  }

  @Override
  public byte[] transform(Module module, ClassLoader loader, String className,
      Class<?> classBeingRedefined, ProtectionDomain domain, byte[] classfileBuffer) {
    if (!isTarget(className)) {
      return null;
    }
    if (!delegate.isDone() && notWaiting.contains(className)) {
      missed.add(className);
      if (!delegate.isDone()) {
        return null; // retransformed once ready (which reads missed after it is)
      }
    }
    long start = System.nanoTime();
    // Left in the map while waiting: the start-up thread completes what it finds there.
    CompletableFuture<byte[][]> pending = classBeingRedefined == null ? aheadOfTime.get(className) : null;
    byte[][] precomputed = pending != null ? await(pending, WAIT_NANOS) : null;
    if (pending != null) {
      aheadOfTime.remove(className, pending); // used once: a class loads once per loader
    }
    if (precomputed != null && Arrays.equals(precomputed[0], classfileBuffer)) {
      AgentLog.debug(className + ": waited " + (System.nanoTime() - start) / 1_000_000
          + " ms for instrumentation, done ahead of time");
      return precomputed[1];
    }
    ClassFileTransformer transformer;
    try {
      // one wait in all, the class's own above included
      transformer = delegate.get(WAIT_NANOS - (System.nanoTime() - start), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      missed.add(className);
      AgentLog.warn("instrumentation not ready after " + WAIT_SECONDS + " s; " + className
          + " is instrumented later");
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      missed.add(className);
      return null;
    } catch (ExecutionException e) {
      return null; // reported once where the set-up failed
    }
    long ready = System.nanoTime();
    try {
      return transformer.transform(module, loader, className, classBeingRedefined, domain,
          classfileBuffer);
    } catch (Throwable t) {
      AgentLog.failure("instrumenting " + className, t);
      return null;
    } finally {
      AgentLog.debug(className + ": waited " + (ready - start) / 1_000_000 + " ms for instrumentation, "
          + (System.nanoTime() - ready) / 1_000_000 + " ms to instrument");
    }
  }

  /** The bytes done ahead of time, or null (not done, or not within the wait). */
  private static byte[][] await(CompletableFuture<byte[][]> pending, long nanos) {
    try {
      return pending.get(nanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (ExecutionException | TimeoutException e) {
      return null; // the general wait below decides
    }
  }
}
