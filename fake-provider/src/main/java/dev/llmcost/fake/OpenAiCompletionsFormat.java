package dev.llmcost.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** OpenAI legacy {@code POST /v1/completions}: {@code text_completion} objects, JSON or SSE. */
final class OpenAiCompletionsFormat implements WireFormat {

  @Override
  public ProviderErrors errors() {
    return ProviderErrors.OPENAI;
  }

  @Override
  public String json(ReplyContext c) {
    ObjectNode root = head(c);
    choice(root, ReplyContext.text(c.chunks()), "stop");
    root.set("usage", OpenAiChatFormat.usage(c.usage()));
    return Json.write(root);
  }

  @Override
  public StreamPlan stream(ReplyContext c) {
    boolean includeUsage = c.body().path("stream_options").path("include_usage").asBoolean(false);
    return new StreamPlan(StreamPlan.SSE,
        List.of(),
        i -> {
          ObjectNode chunk = head(c);
          choice(chunk, ReplyContext.deltaText(i), null);
          if (includeUsage) {
            chunk.putNull("usage");
          }
          return Json.data(chunk);
        },
        n -> {
          List<String> frames = new ArrayList<>();
          ObjectNode last = head(c);
          choice(last, "", "stop");
          if (includeUsage) {
            last.putNull("usage");
          }
          frames.add(Json.data(last));
          if (includeUsage) {
            ObjectNode usageChunk = head(c);
            usageChunk.putArray("choices");
            usageChunk.set("usage", OpenAiChatFormat.usage(c.usage()));
            frames.add(Json.data(usageChunk));
          }
          frames.add(OpenAiChatFormat.DONE);
          return frames;
        });
  }

  private static ObjectNode head(ReplyContext c) {
    return Json.object()
        .put("id", c.id("cmpl-"))
        .put("object", "text_completion")
        .put("created", ReplyContext.CREATED)
        .put("model", c.model())
        .put("system_fingerprint", "fp_fake");
  }

  private static void choice(ObjectNode root, String text, String finishReason) {
    ObjectNode choice = root.putArray("choices").addObject().put("text", text).put("index", 0);
    choice.putNull("logprobs");
    if (finishReason == null) {
      choice.putNull("finish_reason");
    } else {
      choice.put("finish_reason", finishReason);
    }
  }
}
