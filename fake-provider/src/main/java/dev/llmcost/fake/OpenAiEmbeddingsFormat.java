package dev.llmcost.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * OpenAI {@code POST /v1/embeddings}: one small deterministic vector per input, as float arrays or
 * (with {@code encoding_format: base64}) little-endian float32 in base64, as the SDKs request by default.
 * Usage has only {@code prompt_tokens} and {@code total_tokens} (the configured input tokens).
 */
final class OpenAiEmbeddingsFormat implements WireFormat {

  static final int DIMENSIONS = 8;

  @Override
  public ProviderErrors errors() {
    return ProviderErrors.OPENAI;
  }

  @Override
  public boolean streams(RecordedRequest request, JsonNode body) {
    return false;
  }

  @Override
  public String json(ReplyContext c) {
    JsonNode input = c.body().path("input");
    int inputs = input.isArray() && input.size() > 0 && !input.get(0).isNumber() ? input.size() : 1;
    boolean base64 = "base64".equals(c.body().path("encoding_format").asText());
    ObjectNode root = Json.object().put("object", "list");
    ArrayNode data = root.putArray("data");
    for (int i = 0; i < inputs; i++) {
      ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
      float[] vector = vector(i);
      if (base64) {
        ByteBuffer buf = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : vector) {
          buf.putFloat(f);
        }
        item.put("embedding", Base64.getEncoder().encodeToString(buf.array()));
      } else {
        ArrayNode values = item.putArray("embedding");
        for (float f : vector) {
          values.add(f);
        }
      }
    }
    root.put("model", c.model());
    root.putObject("usage").put("prompt_tokens", c.usage().inputTokens()).put("total_tokens", c.usage().inputTokens());
    return Json.write(root);
  }

  @Override
  public StreamPlan stream(ReplyContext c) {
    throw new UnsupportedOperationException("embeddings do not stream");
  }

  private static float[] vector(int input) {
    float[] v = new float[DIMENSIONS];
    for (int d = 0; d < DIMENSIONS; d++) {
      v[d] = (input + 1) * 0.125f - d * 0.0625f;
    }
    return v;
  }
}
