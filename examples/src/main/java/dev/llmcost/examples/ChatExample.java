package dev.llmcost.examples;

/** One ordinary call whose answer the application uses: consumed, priced. */
final class ChatExample {
  private ChatExample() {}

  static void run(LlmClient client) {
    String answer = client.chat("gpt-4o-mini", "Summarise our refund policy in one sentence.");
    System.out.println("got an answer of " + answer.length() + " characters");
  }
}
