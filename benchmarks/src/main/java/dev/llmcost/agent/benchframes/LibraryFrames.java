package dev.llmcost.agent.benchframes;

import java.util.function.Supplier;

/**
 * Frames the call-site search skips (its package is the agent's), as many as asked: a benchmark
 * calls through them to stand where the agent's hook stands, below an HTTP client's frames.
 */
public final class LibraryFrames {
  private LibraryFrames() {}

  public static <T> T under(int depth, Supplier<T> work) {
    return depth == 0 ? work.get() : under(depth - 1, work);
  }
}
