package dev.llmcost.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Gemini {@code POST /v1beta/models/{model}:generateContent} and {@code :streamGenerateContent}.
 * Streaming is SSE with {@code ?alt=sse} (frames end in CRLF CRLF, as Google sends them), else a
 * JSON array streamed element by element. Chunks carry the prompt count; the last one carries the
 * finish reason and the full {@code usageMetadata}.
 */
final class GeminiFormat implements WireFormat {

  @Override
  public ProviderErrors errors() {
    return ProviderErrors.GEMINI;
  }

  /** The model is in the path: {@code .../models/gemini-2.5-flash:generateContent}. */
  @Override
  public String model(RecordedRequest request, JsonNode body) {
    String path = request.path();
    int slash = path.lastIndexOf("/models/");
    int colon = path.lastIndexOf(':');
    return slash < 0 || colon < slash ? "unknown-model" : path.substring(slash + "/models/".length(), colon);
  }

  @Override
  public boolean streams(RecordedRequest request, JsonNode body) {
    return request.path().endsWith(":streamGenerateContent");
  }

  static boolean sse(RecordedRequest request) {
    return ("&" + request.query() + "&").contains("&alt=sse&");
  }

  @Override
  public String json(ReplyContext c) {
    ObjectNode root = chunk(c, ReplyContext.text(c.chunks()), true);
    return Json.write(root);
  }

  @Override
  public StreamPlan stream(ReplyContext c) {
    if (sse(c.request())) {
      return new StreamPlan(StreamPlan.SSE,
          List.of(),
          i -> sseFrame(chunk(c, ReplyContext.deltaText(i), false)),
          n -> List.of(sseFrame(chunk(c, "", true))));
    }
    return new StreamPlan("application/json; charset=UTF-8",
        List.of(),
        i -> (i == 0 ? "[" : ",\r\n") + Json.write(chunk(c, ReplyContext.deltaText(i), false)),
        n -> List.of(",\r\n" + Json.write(chunk(c, "", true)) + "]"));
  }

  private static String sseFrame(JsonNode node) {
    return "data: " + Json.write(node) + "\r\n\r\n";
  }

  private static ObjectNode chunk(ReplyContext c, String text, boolean last) {
    ObjectNode root = Json.object();
    ObjectNode candidate = root.putArray("candidates").addObject();
    ObjectNode content = candidate.putObject("content");
    content.putArray("parts").addObject().put("text", text);
    content.put("role", "model");
    if (last) {
      candidate.put("finishReason", "STOP");
    }
    candidate.put("index", 0);
    root.set("usageMetadata", usageMetadata(c.usage(), last));
    root.put("modelVersion", c.model());
    root.put("responseId", c.id("gemini-"));
    return root;
  }

  private static ObjectNode usageMetadata(FakeUsage u, boolean complete) {
    ObjectNode m = Json.object().put("promptTokenCount", u.inputTokens());
    if (!complete) {
      return m.put("totalTokenCount", u.inputTokens());
    }
    int thoughts = u.reasoningTokens();
    m.put("candidatesTokenCount", u.outputTokens() - thoughts);
    m.put("totalTokenCount", u.inputTokens() + u.outputTokens());
    if (u.cacheReadTokens() > 0) {
      m.put("cachedContentTokenCount", u.cacheReadTokens());
    }
    if (thoughts > 0) {
      m.put("thoughtsTokenCount", thoughts);
    }
    m.putArray("promptTokensDetails").addObject().put("modality", "TEXT").put("tokenCount", u.inputTokens());
    return m;
  }
}
