package dev.llmcost.bootstrap;

/** An LLM call that has started and whose outcome is not yet reported. */
public interface InFlight {
  /**
   * The JVM is exiting: abort the call at the transport (closes the connection, so the provider
   * stops generating) if it is still running, and report it; a finished call nobody read is
   * reported as abandoned. Returns false when the call's outcome was already decided (it is only
   * on its way to the report), true when the exit decided it.
   */
  boolean cancelAtShutdown();

  /** The JVM is exiting and calls are not cancelled: report the call as it stands, abandoned. */
  boolean abandonAtExit();

  /** The provider is still sending (or yet to answer): the exchange has not ended. */
  boolean isReceiving();
}
