package dev.llmcost.examples;

/** The fix for upfront firing: create each call only when its result is needed. One call, no waste. */
final class LazyCreationExample {
  private LazyCreationExample() {}

  static void run(LlmClient client) {
    System.out.println("all documents valid: " + validate(client, 6));
  }

  static boolean validate(LlmClient client, int documents) {
    for (int i = 0; i < documents; i++) {
      if (!client.chatAsync("gpt-4o", "Is clause " + i + " of this contract compliant?").join()
          .contains("yes")) {
        return false;
      }
    }
    return true;
  }
}
