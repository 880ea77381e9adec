package dev.llmcost.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Realistic provider bodies, shaped like what api.openai.com and api.anthropic.com send: one
 * buffer per SSE event (as the network delivers them for a model that streams token by token).
 */
public final class ProviderBodies {
  /** About what a short chat answer streams: one token per event. */
  public static final int STREAM_TOKENS = 200;

  private static final String[] WORDS = {" the", " agent", " prices", " every", " call", ",",
      " counts", " tokens", " and", " reports", " waste", " to", " OpenTelemetry", "."};

  private ProviderBodies() {}

  public static byte[] openAiChatRequest(boolean stream) {
    StringBuilder sb = new StringBuilder("{\"model\":\"gpt-4o-mini\",\"messages\":[")
        .append("{\"role\":\"system\",\"content\":\"You are a concise assistant for an online shop.\"},")
        .append("{\"role\":\"user\",\"content\":\"");
    for (int i = 0; i < 60; i++) {
      sb.append(WORDS[i % WORDS.length].trim()).append(' ');
    }
    sb.append("\"}],\"temperature\":0.2,\"max_tokens\":400");
    if (stream) {
      sb.append(",\"stream\":true,\"stream_options\":{\"include_usage\":true}");
    }
    return utf8(sb.append('}').toString());
  }

  public static byte[] openAiChatJson() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < STREAM_TOKENS; i++) {
      text.append(WORDS[i % WORDS.length]);
    }
    return utf8("{\"id\":\"chatcmpl-B9MHDbslfCsjd8Bq\",\"object\":\"chat.completion\","
        + "\"created\":1732300000,\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,"
        + "\"message\":{\"role\":\"assistant\",\"content\":\"" + text + "\",\"refusal\":null,"
        + "\"annotations\":[]},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{"
        + "\"prompt_tokens\":1200,\"completion_tokens\":200,\"total_tokens\":1400,"
        + "\"prompt_tokens_details\":{\"cached_tokens\":1024,\"audio_tokens\":0},"
        + "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,"
        + "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}},"
        + "\"service_tier\":\"default\",\"system_fingerprint\":\"fp_0ba0d124f1\"}");
  }

  /** A chat completion stream with {@code stream_options.include_usage}: usage in the last chunk. */
  public static List<ByteBuffer> openAiChatStream() {
    String head = "data: {\"id\":\"chatcmpl-B9MHDbslfCsjd8Bq\",\"object\":\"chat.completion.chunk\","
        + "\"created\":1732300000,\"model\":\"gpt-4o-mini-2024-07-18\",\"service_tier\":\"default\","
        + "\"system_fingerprint\":\"fp_0ba0d124f1\",\"choices\":[";
    List<ByteBuffer> events = new ArrayList<>();
    events.add(event(head + "{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\","
        + "\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n"));
    for (int i = 0; i < STREAM_TOKENS; i++) {
      events.add(event(head + "{\"index\":0,\"delta\":{\"content\":\"" + WORDS[i % WORDS.length]
          + "\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n"));
    }
    events.add(event(head + "{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
        + "\"usage\":null}\n\n"));
    events.add(event(head + "],\"usage\":{\"prompt_tokens\":1200,\"completion_tokens\":200,"
        + "\"total_tokens\":1400,\"prompt_tokens_details\":{\"cached_tokens\":1024,\"audio_tokens\":0},"
        + "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,"
        + "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}}\n\n"));
    events.add(event("data: [DONE]\n\n"));
    return events;
  }

  /** A Messages stream: input and cache counts first, cumulative output count in message_delta. */
  public static List<ByteBuffer> anthropicStream() {
    List<ByteBuffer> events = new ArrayList<>();
    events.add(event("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{"
        + "\"id\":\"msg_01VbZq8K9rLx2mP3nT4sW5yA\",\"type\":\"message\",\"role\":\"assistant\","
        + "\"model\":\"claude-sonnet-4-5-20250929\",\"content\":[],\"stop_reason\":null,"
        + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":472,\"cache_creation_input_tokens\":0,"
        + "\"cache_read_input_tokens\":2048,\"cache_creation\":{\"ephemeral_5m_input_tokens\":0,"
        + "\"ephemeral_1h_input_tokens\":0},\"output_tokens\":2,\"service_tier\":\"standard\"}}}\n\n"));
    events.add(event("event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
        + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"));
    events.add(event("event: ping\ndata: {\"type\": \"ping\"}\n\n"));
    for (int i = 0; i < STREAM_TOKENS; i++) {
      events.add(event("event: content_block_delta\ndata: {\"type\":\"content_block_delta\","
          + "\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"" + WORDS[i % WORDS.length]
          + "\"}}\n\n"));
    }
    events.add(event("event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"));
    events.add(event("event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{"
        + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":200}}\n\n"));
    events.add(event("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"));
    return events;
  }

  private static ByteBuffer event(String s) {
    return ByteBuffer.wrap(utf8(s)).asReadOnlyBuffer();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
