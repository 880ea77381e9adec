package dev.llmcost.agent.provider;

/** The wire APIs the agent understands; each names its GenAI operation. */
public enum Api {
  OPENAI_CHAT_COMPLETIONS("chat", "chat_completions"),
  OPENAI_COMPLETIONS("text_completion", "completions"),
  OPENAI_RESPONSES("chat", "responses"),
  OPENAI_EMBEDDINGS("embeddings", "embeddings"),
  ANTHROPIC_MESSAGES("chat", null),
  GEMINI_GENERATE_CONTENT("generate_content", null),
  GEMINI_STREAM_GENERATE_CONTENT("generate_content", null),
  /** {@code models/{model}:embedContent}. */
  GEMINI_EMBED_CONTENT("embeddings", null),
  /** {@code models/{model}:batchEmbedContents}: several texts in one request. */
  GEMINI_BATCH_EMBED_CONTENTS("embeddings", null),
  /** {@code POST /v1/batches}: a batch submitted; its tokens are billed when it runs. */
  OPENAI_BATCH_CREATE("batch", null),
  /** {@code GET /v1/files/{id}/content}: a batch's output file (JSONL), priced at batch rates. */
  OPENAI_BATCH_RESULTS("batch_results", null),
  /** {@code POST /v1/messages/batches}. */
  ANTHROPIC_BATCH_CREATE("batch", null),
  /** {@code GET /v1/messages/batches/{id}/results} (JSONL), priced at batch rates. */
  ANTHROPIC_BATCH_RESULTS("batch_results", null);

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

  /** A Gemini format, on the Gemini API or Vertex AI: the model is named in the path. */
  public boolean isGemini() {
    return this == GEMINI_GENERATE_CONTENT || this == GEMINI_STREAM_GENERATE_CONTENT
        || this == GEMINI_EMBED_CONTENT || this == GEMINI_BATCH_EMBED_CONTENTS;
  }

  /** A Batch API call: a submission or a results download. */
  public boolean isBatch() {
    return this == OPENAI_BATCH_CREATE || this == ANTHROPIC_BATCH_CREATE || isBatchResults();
  }

  /** A batch's results, whose every line is a call billed at batch rates. */
  public boolean isBatchResults() {
    return this == OPENAI_BATCH_RESULTS || this == ANTHROPIC_BATCH_RESULTS;
  }

  /** Value of {@code openai.api.type}, or null for non-OpenAI formats. */
  public String openAiApiType() {
    return openAiApiType;
  }
}
