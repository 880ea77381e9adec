package dev.llmcost.examples;

/**
 * Where the examples send their calls: the fake provider started by the demo, or the real
 * provider when its API key is in the environment ({@code OPENAI_API_KEY},
 * {@code ANTHROPIC_API_KEY}). Real calls are billed: the tour makes about twenty small ones.
 */
record Providers(String openAiBaseUrl, String anthropicBaseUrl) {
  static final String OPENAI = "https://api.openai.com";
  static final String ANTHROPIC = "https://api.anthropic.com";

  static Providers from(String fakeBaseUrl) {
    return new Providers(
        System.getenv("OPENAI_API_KEY") != null ? OPENAI : fakeBaseUrl,
        System.getenv("ANTHROPIC_API_KEY") != null ? ANTHROPIC : fakeBaseUrl);
  }

  static String openAiKey() {
    return System.getenv().getOrDefault("OPENAI_API_KEY", "demo-key");
  }

  static String anthropicKey() {
    return System.getenv().getOrDefault("ANTHROPIC_API_KEY", "demo-key");
  }
}
