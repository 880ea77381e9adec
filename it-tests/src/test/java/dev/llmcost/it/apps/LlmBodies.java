package dev.llmcost.it.apps;

/** Request bodies the apps send, in the providers' real shapes. */
final class LlmBodies {
  private LlmBodies() {}

  static String openAi(boolean stream) {
    return openAi("gpt-4o-mini", stream);
  }

  static String openAi(String model, boolean stream) {
    return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hi\"}]"
        + (stream ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" : "") + "}";
  }

  static String anthropic(boolean stream) {
    return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"Say hi\"}]"
        + (stream ? ",\"stream\":true" : "") + "}";
  }

  /** Not an LLM API: the agent must let it pass untracked. */
  static String notLlm() {
    return "{\"purpose\":\"batch\",\"file\":\"input.jsonl\"}";
  }
}
