package dev.llmcost.bootstrap;

/** An LLM call that has started and whose outcome is not yet reported. */
public interface InFlight {
  /**
   * The JVM is exiting: abort the call at the transport (closes the connection, so the provider
   * stops generating) if it is still running, and report it; a finished call nobody read is
   * reported as abandoned.
   */
  void cancelAtShutdown();

  /** The JVM is exiting and calls are not cancelled: report the call as it stands, abandoned. */
  void abandonAtExit();
}
