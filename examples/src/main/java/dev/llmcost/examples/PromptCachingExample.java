package dev.llmcost.examples;

/**
 * A long shared instruction prefix marked for Anthropic's prompt cache: the first call writes the
 * cache, the next ones read it at a tenth of the input price. The agent prices each part.
 */
final class PromptCachingExample {
  private static final String POLICY = "You are a support agent. " + "Policy text. ".repeat(400);

  private PromptCachingExample() {}

  static void run(LlmClient client) {
    client.anthropic("claude-haiku-4-5", POLICY, "Can I return shoes after 40 days?",
        "input=2100; output=120; cache-write=2000");
    for (int i = 0; i < 3; i++) {
      client.anthropic("claude-haiku-4-5", POLICY, "Question " + i,
          "input=2100; output=120; cache-read=2000");
    }
    System.out.println("asked 4 questions sharing one cached policy");
  }
}
