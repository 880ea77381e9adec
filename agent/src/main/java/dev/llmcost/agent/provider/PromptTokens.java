package dev.llmcost.agent.provider;

/**
 * A prompt's token count made ahead, while its answer is awaited, for a call known from its
 * request to need an estimate (a stream that will carry no usage): -1 until made.
 */
public final class PromptTokens {
  private volatile int count = -1;

  public int count() {
    return count;
  }

  public void set(int tokens) {
    count = tokens;
  }
}
