package dev.llmcost.agent.provider;

import dev.llmcost.agent.AgentLog;

/**
 * The Batch APIs: a submission ({@code POST /v1/batches}, {@code POST /v1/messages/batches})
 * carries no tokens, since the batch runs later; its results file, when the application
 * downloads it, holds every request's usage, billed at batch rates.
 */
final class BatchCodec implements ProviderCodec {
  private static final RequestShape OPENAI_CREATE =
      RequestShape.builder("input_file_id").modelInPath().build();
  private static final RequestShape ANTHROPIC_CREATE =
      RequestShape.builder("requests").modelInPath().build();
  /** A results download is a GET: nothing in the request to check, the lines decide. */
  private static final RequestInfo RESULTS =
      new RequestInfo(null, null, null, null, null, false, true, null);

  private final Api api;

  BatchCodec(Api api) {
    if (!api.isBatch()) {
      throw new IllegalArgumentException("not a batch API: " + api);
    }
    this.api = api;
  }

  @Override
  public RequestInfo readRequest(byte[] body, int length) {
    try {
      return switch (api) {
        case OPENAI_BATCH_CREATE -> OPENAI_CREATE.read(body, length);
        case ANTHROPIC_BATCH_CREATE -> ANTHROPIC_CREATE.read(body, length);
        default -> RESULTS;
      };
    } catch (Exception e) {
      AgentLog.failure("batch request parsing", e);
      return RequestInfo.UNKNOWN;
    }
  }

  /** Batch output text is never captured: one span stands for many requests. */
  @Override
  public ResponseParser newResponseParser(boolean sse, String contentEncoding, boolean keepText) {
    if (api.isBatchResults()) {
      return ContentDecoding.decoding(
          new JsonLinesParser(api == Api.ANTHROPIC_BATCH_RESULTS), contentEncoding);
    }
    return new BatchCreated().parser(false, contentEncoding);
  }

  /** The batch object answered to a submission: its id, or the provider's error. */
  private static final class BatchCreated extends ResponseReader {
    private static final JsonPaths PATHS = JsonPaths.of("id", "error.type", "error.code");
    private String errorType;
    private String errorCode;

    BatchCreated() {
      super(PATHS);
    }

    @Override
    public void onValue(String path, JsonScanner.Value value) {
      if (value.isNull()) {
        return;
      }
      switch (path) {
        case "id" -> info.id = value.text();
        case "error.type" -> errorType = value.text();
        case "error.code" -> errorCode = value.text();
        default -> { }
      }
    }

    @Override
    public void onContainerEnd(String path, boolean array) {
      if ("error".equals(path)) {
        setErrorType(OpenAiErrors.errorType(errorType, errorCode));
      }
    }

    @Override
    dev.llmcost.agent.usage.Usage currentUsage() {
      return null;
    }
  }
}
