package dev.llmcost.it.apps;

import com.google.common.util.concurrent.MoreExecutors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Guava's pool, apart, so that the apps load Guava only when they use it. */
final class GuavaPools {
  private GuavaPools() {}

  /** A fixed pool behind Guava's decorator: {@code submit} hands out ListenableFutures. */
  static ExecutorService listening(int threads) {
    return MoreExecutors.listeningDecorator(Executors.newFixedThreadPool(threads));
  }
}
