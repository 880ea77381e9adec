package dev.llmcost.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * OpenAI Responses API {@code POST /v1/responses}: a {@code response} object, or typed SSE events
 * ({@code response.created} ... {@code response.output_text.delta} ... {@code response.completed})
 * each with a {@code sequence_number}; usage rides on {@code response.completed}; no {@code [DONE]}.
 */
final class OpenAiResponsesFormat implements WireFormat {

  /** Frames before the first delta: created, in_progress, output_item.added, content_part.added. */
  private static final int OPENING_FRAMES = 4;

  @Override
  public ProviderErrors errors() {
    return ProviderErrors.OPENAI;
  }

  @Override
  public String json(ReplyContext c) {
    return Json.write(response(c, ReplyContext.text(c.chunks()), true));
  }

  @Override
  public StreamPlan stream(ReplyContext c) {
    String itemId = c.id("msg_");
    return new StreamPlan(StreamPlan.SSE,
        List.of(
            Json.event("response.created", event("response.created", 0).set("response", response(c, null, false))),
            Json.event("response.in_progress", event("response.in_progress", 1).set("response", response(c, null, false))),
            Json.event("response.output_item.added", event("response.output_item.added", 2)
                .put("output_index", 0).set("item", message(itemId, null))),
            Json.event("response.content_part.added", event("response.content_part.added", 3)
                .put("item_id", itemId).put("output_index", 0).put("content_index", 0).set("part", part("")))),
        i -> {
          ObjectNode delta = event("response.output_text.delta", OPENING_FRAMES + i)
              .put("item_id", itemId).put("output_index", 0).put("content_index", 0)
              .put("delta", ReplyContext.deltaText(i));
          delta.putArray("logprobs");
          return Json.event("response.output_text.delta", delta);
        },
        n -> {
          String text = ReplyContext.text(n);
          int seq = OPENING_FRAMES + n;
          ObjectNode textDone = event("response.output_text.done", seq)
              .put("item_id", itemId).put("output_index", 0).put("content_index", 0).put("text", text);
          textDone.putArray("logprobs");
          return List.of(
              Json.event("response.output_text.done", textDone),
              Json.event("response.content_part.done", event("response.content_part.done", seq + 1)
                  .put("item_id", itemId).put("output_index", 0).put("content_index", 0).set("part", part(text))),
              Json.event("response.output_item.done", event("response.output_item.done", seq + 2)
                  .put("output_index", 0).set("item", message(itemId, text))),
              Json.event("response.completed", event("response.completed", seq + 3)
                  .set("response", response(c, text, true))));
        });
  }

  private static ObjectNode event(String type, int sequence) {
    return Json.object().put("type", type).put("sequence_number", sequence);
  }

  /** The response object; {@code text == null} means still in progress (no output, no usage). */
  private static ObjectNode response(ReplyContext c, String text, boolean completed) {
    ObjectNode r = Json.object()
        .put("id", c.id("resp_"))
        .put("object", "response")
        .put("created_at", ReplyContext.CREATED)
        .put("status", completed ? "completed" : "in_progress")
        .put("background", false)
        .putNull("error")
        .putNull("incomplete_details")
        .putNull("instructions")
        .putNull("max_output_tokens")
        .put("model", c.model());
    if (text == null) {
      r.putArray("output");
    } else {
      r.putArray("output").add(message(c.id("msg_"), text));
    }
    r.put("parallel_tool_calls", true).putNull("previous_response_id");
    r.putObject("reasoning").putNull("effort").putNull("summary");
    r.put("service_tier", "default").put("store", true).put("temperature", 1.0);
    r.putObject("text").put("verbosity", "medium").putObject("format").put("type", "text");
    r.put("tool_choice", "auto").put("top_p", 1.0).put("truncation", "disabled");
    r.putArray("tools");
    if (completed) {
      FakeUsage u = c.usage();
      ObjectNode usage = r.putObject("usage").put("input_tokens", u.inputTokens());
      usage.putObject("input_tokens_details").put("cached_tokens", u.cacheReadTokens());
      usage.put("output_tokens", u.outputTokens());
      usage.putObject("output_tokens_details").put("reasoning_tokens", u.reasoningTokens());
      usage.put("total_tokens", u.totalTokens());
    } else {
      r.putNull("usage");
    }
    r.putNull("user");
    r.putObject("metadata");
    return r;
  }

  /** An assistant message item; {@code text == null} means just added (in progress, no content yet). */
  private static ObjectNode message(String itemId, String text) {
    ObjectNode item = Json.object().put("id", itemId).put("type", "message")
        .put("status", text == null ? "in_progress" : "completed");
    if (text == null) {
      item.putArray("content");
    } else {
      item.putArray("content").add(part(text));
    }
    item.put("role", "assistant");
    return item;
  }

  private static ObjectNode part(String text) {
    ObjectNode part = Json.object().put("type", "output_text");
    part.putArray("annotations");
    part.putArray("logprobs");
    part.put("text", text);
    return part;
  }
}
