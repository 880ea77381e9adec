package dev.llmcost.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Anthropic {@code POST /v1/messages}: a {@code message} object, or the event stream
 * {@code message_start} (input and cache counts, output_tokens 1), {@code content_block_start},
 * {@code ping}, {@code content_block_delta}..., {@code content_block_stop}, {@code message_delta}
 * (stop reason and the <em>cumulative</em> output_tokens), {@code message_stop}.
 */
final class AnthropicMessagesFormat implements WireFormat {

  @Override
  public ProviderErrors errors() {
    return ProviderErrors.ANTHROPIC;
  }

  @Override
  public String json(ReplyContext c) {
    ObjectNode message = message(c);
    message.withArray("content").addObject().put("type", "text").put("text", ReplyContext.text(c.chunks()));
    message.put("stop_reason", "end_turn").putNull("stop_sequence");
    message.set("usage", usage(c.usage(), c.usage().outputTokens()));
    return Json.write(message);
  }

  @Override
  public StreamPlan stream(ReplyContext c) {
    ObjectNode start = message(c);
    start.putNull("stop_reason").putNull("stop_sequence");
    start.set("usage", usage(c.usage(), Math.min(1, c.usage().outputTokens())));
    ObjectNode blockStart = Json.object().put("type", "content_block_start").put("index", 0);
    blockStart.putObject("content_block").put("type", "text").put("text", "");
    return new StreamPlan(StreamPlan.SSE,
        List.of(
            Json.event("message_start", Json.object().put("type", "message_start").set("message", start)),
            Json.event("content_block_start", blockStart),
            Json.event("ping", Json.object().put("type", "ping"))),
        i -> {
          ObjectNode delta = Json.object().put("type", "content_block_delta").put("index", 0);
          delta.putObject("delta").put("type", "text_delta").put("text", ReplyContext.deltaText(i));
          return Json.event("content_block_delta", delta);
        },
        n -> {
          ObjectNode messageDelta = Json.object().put("type", "message_delta");
          messageDelta.putObject("delta").put("stop_reason", "end_turn").putNull("stop_sequence");
          messageDelta.putObject("usage").put("output_tokens", c.usage().outputTokens());
          return List.of(
              Json.event("content_block_stop", Json.object().put("type", "content_block_stop").put("index", 0)),
              Json.event("message_delta", messageDelta),
              Json.event("message_stop", Json.object().put("type", "message_stop")));
        });
  }

  private static ObjectNode message(ReplyContext c) {
    ObjectNode m = Json.object()
        .put("id", c.id("msg_"))
        .put("type", "message")
        .put("role", "assistant")
        .put("model", c.model());
    m.putArray("content");
    return m;
  }

  private static ObjectNode usage(FakeUsage u, int outputTokens) {
    ObjectNode usage = Json.object()
        .put("input_tokens", u.uncachedInputTokens())
        .put("cache_creation_input_tokens", u.cacheWriteTokens())
        .put("cache_read_input_tokens", u.cacheReadTokens());
    usage.putObject("cache_creation")
        .put("ephemeral_5m_input_tokens", u.cacheWrite5mTokens())
        .put("ephemeral_1h_input_tokens", u.cacheWrite1hTokens());
    usage.put("output_tokens", outputTokens).put("service_tier", "standard");
    return usage;
  }
}
