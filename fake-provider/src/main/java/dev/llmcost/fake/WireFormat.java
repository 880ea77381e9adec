package dev.llmcost.fake;

import com.fasterxml.jackson.databind.JsonNode;

/** One provider API's answer shapes: the JSON body and the streamed frames. */
interface WireFormat {

  ProviderErrors errors();

  /** The model the answer echoes. */
  default String model(RecordedRequest request, JsonNode body) {
    return body.path("model").asText("unknown-model");
  }

  default boolean streams(RecordedRequest request, JsonNode body) {
    return body.path("stream").asBoolean(false);
  }

  String json(ReplyContext c);

  StreamPlan stream(ReplyContext c);
}
