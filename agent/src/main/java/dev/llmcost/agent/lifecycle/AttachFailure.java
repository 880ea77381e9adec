package dev.llmcost.agent.lifecycle;

/** Why an attach did not happen, in one line for the user. */
final class AttachFailure extends Exception {
  AttachFailure(String message) {
    super(message, null, false, false);
  }
}
