package dev.llmcost.fake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/** JSON trees for the wire formats, serialised compactly as the providers send them. */
final class Json {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {
  }

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An SSE frame with only a data line (OpenAI chat and completions, Gemini). */
  static String data(JsonNode node) {
    return "data: " + write(node) + "\n\n";
  }

  /** An SSE frame with a typed event line (Anthropic, OpenAI Responses). */
  static String event(String type, JsonNode node) {
    return "event: " + type + "\ndata: " + write(node) + "\n\n";
  }
}
