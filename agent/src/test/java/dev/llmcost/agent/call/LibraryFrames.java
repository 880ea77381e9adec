package dev.llmcost.agent.call;

import java.util.function.Supplier;

/** Frames of a class the call-site search skips (the agent's own package), as deep as asked. */
public final class LibraryFrames {
  private LibraryFrames() {}

  public static <T> T under(int depth, Supplier<T> work) {
    return depth == 0 ? work.get() : under(depth - 1, work);
  }
}
