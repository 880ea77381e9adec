package dev.llmcost.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI {@code POST /v1/chat/completions}: a {@code chat.completion} object, or
 * {@code chat.completion.chunk} frames ending in {@code data: [DONE]}. Usage is streamed only when
 * the request sets {@code stream_options.include_usage}, as one extra chunk with empty
 * {@code choices}; every other chunk then carries {@code "usage": null}.
 */
final class OpenAiChatFormat implements WireFormat {

  static final String DONE = "data: [DONE]\n\n";

  @Override
  public ProviderErrors errors() {
    return ProviderErrors.OPENAI;
  }

  @Override
  public String json(ReplyContext c) {
    ObjectNode root = Json.object()
        .put("id", c.id("chatcmpl-"))
        .put("object", "chat.completion")
        .put("created", ReplyContext.CREATED)
        .put("model", c.model());
    ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
    choice.putObject("message")
        .put("role", "assistant")
        .put("content", ReplyContext.text(c.chunks()))
        .putNull("refusal")
        .putArray("annotations");
    choice.putNull("logprobs");
    choice.put("finish_reason", "stop");
    root.set("usage", usage(c.usage()));
    root.put("service_tier", "default");
    root.put("system_fingerprint", "fp_fake");
    return Json.write(root);
  }

  @Override
  public StreamPlan stream(ReplyContext c) {
    boolean includeUsage = c.body().path("stream_options").path("include_usage").asBoolean(false);
    ObjectNode first = chunk(c, includeUsage);
    first.withArray("choices").addObject().put("index", 0)
        .<ObjectNode>set("delta", Json.object().put("role", "assistant").put("content", "").putNull("refusal"))
        .putNull("logprobs").putNull("finish_reason");
    return new StreamPlan(StreamPlan.SSE,
        List.of(Json.data(first)),
        i -> {
          ObjectNode chunk = chunk(c, includeUsage);
          chunk.withArray("choices").addObject().put("index", 0)
              .<ObjectNode>set("delta", Json.object().put("content", ReplyContext.deltaText(i)))
              .putNull("logprobs").putNull("finish_reason");
          return Json.data(chunk);
        },
        n -> {
          List<String> frames = new ArrayList<>();
          ObjectNode last = chunk(c, includeUsage);
          last.withArray("choices").addObject().put("index", 0)
              .<ObjectNode>set("delta", Json.object())
              .putNull("logprobs").put("finish_reason", "stop");
          frames.add(Json.data(last));
          if (includeUsage) {
            ObjectNode usageChunk = chunk(c, false);
            usageChunk.putArray("choices");
            usageChunk.set("usage", usage(c.usage()));
            frames.add(Json.data(usageChunk));
          }
          frames.add(DONE);
          return frames;
        });
  }

  private static ObjectNode chunk(ReplyContext c, boolean withNullUsage) {
    ObjectNode chunk = Json.object()
        .put("id", c.id("chatcmpl-"))
        .put("object", "chat.completion.chunk")
        .put("created", ReplyContext.CREATED)
        .put("model", c.model())
        .put("service_tier", "default")
        .put("system_fingerprint", "fp_fake");
    chunk.putArray("choices");
    if (withNullUsage) {
      chunk.putNull("usage");
    }
    return chunk;
  }

  /** The chat/completions usage object; shared with the legacy completions API. */
  static ObjectNode usage(FakeUsage u) {
    ObjectNode usage = Json.object()
        .put("prompt_tokens", u.inputTokens())
        .put("completion_tokens", u.outputTokens())
        .put("total_tokens", u.totalTokens());
    usage.putObject("prompt_tokens_details").put("cached_tokens", u.cacheReadTokens()).put("audio_tokens", 0);
    usage.putObject("completion_tokens_details")
        .put("reasoning_tokens", u.reasoningTokens())
        .put("audio_tokens", 0)
        .put("accepted_prediction_tokens", 0)
        .put("rejected_prediction_tokens", 0);
    return usage;
  }
}
