package dev.llmcost.agent.http.okhttp;

/**
 * Whether this thread is running a {@link java.lang.ref.Cleaner}'s action: whatever it closes was
 * closed because it became unreachable, not by the application. Walks the stack, so only asked
 * on the rare path of a body closed before anything was read.
 */
final class CleanerThreads {
  // The JDK's implementation behind every java.lang.ref.Cleaner, JDK 9 to 25.
  private static final String CLEANER_IMPL = "jdk.internal.ref.CleanerImpl";
  private static final StackWalker WALKER = StackWalker.getInstance();

  private CleanerThreads() {}

  static boolean isCleaning() {
    return WALKER.walk(frames -> frames.anyMatch(f -> f.getClassName().startsWith(CLEANER_IMPL)));
  }
}
