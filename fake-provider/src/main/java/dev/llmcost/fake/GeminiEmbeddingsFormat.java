package dev.llmcost.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Gemini {@code POST /v1beta/models/{model}:embedContent} ({@code {"embedding": {"values": [...]}}})
 * and {@code :batchEmbedContents} ({@code {"embeddings": [{"values": [...]}, ...]}}, one per
 * request). As the Gemini API answers, no token counts: the caller's usage is not known to it.
 */
final class GeminiEmbeddingsFormat implements WireFormat {
  private final GeminiFormat generate = new GeminiFormat();

  @Override
  public ProviderErrors errors() {
    return ProviderErrors.GEMINI;
  }

  @Override
  public String model(RecordedRequest request, JsonNode body) {
    return generate.model(request, body);
  }

  @Override
  public boolean streams(RecordedRequest request, JsonNode body) {
    return false;
  }

  @Override
  public String json(ReplyContext c) {
    ObjectNode root = Json.object();
    if (c.request().path().endsWith(":batchEmbedContents")) {
      ArrayNode embeddings = root.putArray("embeddings");
      int requests = Math.max(1, c.body().path("requests").size());
      for (int i = 0; i < requests; i++) {
        values(embeddings.addObject(), i);
      }
    } else {
      values(root.putObject("embedding"), 0);
    }
    return Json.write(root);
  }

  private static void values(ObjectNode embedding, int index) {
    ArrayNode values = embedding.putArray("values");
    for (int d = 0; d < OpenAiEmbeddingsFormat.DIMENSIONS; d++) {
      values.add((index + 1) * 0.125f - d * 0.0625f);
    }
  }

  @Override
  public StreamPlan stream(ReplyContext c) {
    throw new UnsupportedOperationException("embeddings do not stream");
  }
}
