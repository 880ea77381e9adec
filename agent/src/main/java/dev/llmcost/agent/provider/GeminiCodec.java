package dev.llmcost.agent.provider;

import dev.llmcost.agent.AgentLog;

/**
 * The Gemini {@code generateContent} / {@code streamGenerateContent} format, on the Gemini API and
 * on Vertex AI, and its embeddings ({@code embedContent}, {@code batchEmbedContents}). The model
 * is named in the URL, not the body: see {@link #modelFromPath}.
 */
public final class GeminiCodec implements ProviderCodec {
  private static final String[] TEXT = {
    "contents[].parts[].text", "systemInstruction.parts[].text", "system_instruction.parts[].text"
  };
  private static final RequestShape GENERATE = shape(false);
  private static final RequestShape STREAM_GENERATE = shape(true);
  private static final RequestShape EMBED =
      RequestShape.builder("content").modelInPath().text("content.parts[].text").build();
  private static final RequestShape BATCH_EMBED = RequestShape.builder("requests").modelInPath()
      .text("requests[].content.parts[].text").build();

  private final Api api;

  /** @throws IllegalArgumentException for an API that is not a Gemini format */
  public GeminiCodec(Api api) {
    if (!api.isGemini()) {
      throw new IllegalArgumentException("not a Gemini API: " + api);
    }
    this.api = api;
  }

  private static RequestShape shape(boolean stream) {
    return RequestShape.builder("contents")
        .modelInPath()
        .stream(stream)
        .maxTokens("generationConfig.maxOutputTokens", "generation_config.max_output_tokens")
        .sampling("generationConfig.temperature", "generationConfig.topP")
        .text(TEXT)
        .build();
  }

  public Api api() {
    return api;
  }

  /** The request body has no model; take it from the path with {@link #modelFromPath}. */
  @Override
  public RequestInfo readRequest(byte[] body, int length) {
    try {
      RequestShape shape = switch (api) {
        case GEMINI_STREAM_GENERATE_CONTENT -> STREAM_GENERATE;
        case GEMINI_EMBED_CONTENT -> EMBED;
        case GEMINI_BATCH_EMBED_CONTENTS -> BATCH_EMBED;
        default -> GENERATE;
      };
      return shape.read(body, length);
    } catch (Exception e) {
      AgentLog.failure("Gemini request parsing", e);
      return RequestInfo.UNKNOWN;
    }
  }

  @Override
  public ResponseParser newResponseParser(boolean sse, String contentEncoding, boolean keepText) {
    if (api == Api.GEMINI_EMBED_CONTENT || api == Api.GEMINI_BATCH_EMBED_CONTENTS) {
      return new GeminiEmbeddingsResponse().parser(sse, contentEncoding);
    }
    return new GeminiResponse(api == Api.GEMINI_STREAM_GENERATE_CONTENT || sse || keepText)
        .parser(sse, contentEncoding);
  }

  /**
   * The model in a path like {@code /v1beta/models/gemini-2.5-flash:generateContent} or
   * {@code /v1/projects/p/locations/l/publishers/google/models/gemini-2.0-flash:streamGenerateContent},
   * or null when the path names no {@code model:method}. A query string is ignored.
   */
  public static String modelFromPath(String path) {
    if (path == null) {
      return null;
    }
    int end = path.indexOf('?');
    if (end < 0) {
      end = path.length();
    }
    int slash = path.lastIndexOf('/', end - 1);
    int colon = path.indexOf(':', slash + 1);
    if (colon < 0 || colon > end) {
      return null; // not a ":generateContent"-style method path
    }
    int length = Math.min(colon - slash - 1, JsonScanner.Value.MAX_NAME_CHARS);
    return length > 0 ? path.substring(slash + 1, slash + 1 + length) : null;
  }
}
