package dev.llmcost.agent.provider;

/** The wire APIs the agent understands; each names its GenAI operation. */
public enum Api {
  OPENAI_CHAT_COMPLETIONS("chat", "chat_completions"),
  OPENAI_COMPLETIONS("text_completion", "completions"),
  OPENAI_RESPONSES("chat", "responses"),
  OPENAI_EMBEDDINGS("embeddings", "embeddings"),
  ANTHROPIC_MESSAGES("chat", null),
  GEMINI_GENERATE_CONTENT("generate_content", null),
  GEMINI_STREAM_GENERATE_CONTENT("generate_content", null);

  private final String operation;
  private final String openAiApiType;

  Api(String operation, String openAiApiType) {
    this.operation = operation;
    this.openAiApiType = openAiApiType;
  }

  /** Value of {@code gen_ai.operation.name}. */
  public String operation() {
    return operation;
  }

  /** Value of {@code openai.api.type}, or null for non-OpenAI formats. */
  public String openAiApiType() {
    return openAiApiType;
  }
}
