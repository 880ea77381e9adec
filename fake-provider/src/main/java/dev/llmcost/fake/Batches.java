package dev.llmcost.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Batch APIs, completing every batch at once: OpenAI ({@code POST /v1/batches},
 * {@code GET /v1/batches/{id}}, {@code GET /v1/files/{output_file_id}/content}) and Anthropic
 * Message Batches ({@code POST /v1/messages/batches}, {@code GET /v1/messages/batches/{id}},
 * {@code GET /v1/messages/batches/{id}/results}). Results files are JSON Lines in the providers'
 * formats, each request billed the usage of the behaviour in force when the batch was created.
 * OpenAI's input file is not uploaded here: the batch holds {@code chunks} requests to the model
 * named in {@code metadata.model} (a real batch field), default gpt-4o-mini.
 */
final class Batches {
  /** One batch as created: its requests' custom ids and models. */
  private record Batch(String id, String endpoint, List<String> customIds, List<String> models,
      FakeUsage usage, RecordedRequest created) {}

  /** An answer: status, content type and body. */
  record Answer(int status, String contentType, String body) {}

  private static final String OPENAI_BATCHES = "/v1/batches";
  private static final String ANTHROPIC_BATCHES = "/v1/messages/batches";
  private final Map<String, Batch> batches = new ConcurrentHashMap<>();

  /** True when the request is one of the batch routes (the answer may still be a 404). */
  static boolean handles(RecordedRequest r) {
    String p = r.path();
    return p.endsWith(OPENAI_BATCHES) || p.contains(OPENAI_BATCHES + "/")
        || p.contains(ANTHROPIC_BATCHES) || (p.contains("/v1/files/") && p.endsWith("/content"));
  }

  static ProviderErrors errors(RecordedRequest r) {
    return r.path().contains(ANTHROPIC_BATCHES) ? ProviderErrors.ANTHROPIC : ProviderErrors.OPENAI;
  }

  Answer answer(RecordedRequest r, Behaviour b) {
    String p = r.path();
    boolean post = "POST".equals(r.method());
    if (post && p.endsWith(ANTHROPIC_BATCHES)) {
      return json(anthropicBatch(createAnthropic(r, b)));
    }
    if (post && p.endsWith(OPENAI_BATCHES)) {
      return json(openAiBatch(createOpenAi(r, b)));
    }
    if (!"GET".equals(r.method())) {
      return null;
    }
    if (p.contains(ANTHROPIC_BATCHES + "/")) {
      String rest = p.substring(p.indexOf(ANTHROPIC_BATCHES + "/") + ANTHROPIC_BATCHES.length() + 1);
      boolean results = rest.endsWith("/results");
      Batch batch = batches.get(results ? rest.substring(0, rest.length() - "/results".length()) : rest);
      if (batch == null) {
        return null;
      }
      return results ? new Answer(200, "application/binary", anthropicResults(batch))
          : json(anthropicBatch(batch));
    }
    if (p.contains(OPENAI_BATCHES + "/")) {
      Batch batch = batches.get(p.substring(p.lastIndexOf('/') + 1));
      return batch == null ? null : json(openAiBatch(batch));
    }
    String file = p.substring(p.indexOf("/v1/files/") + "/v1/files/".length(), p.length() - "/content".length());
    Batch batch = file.startsWith("file-out-") ? batches.get(file.substring("file-out-".length())) : null;
    return batch == null ? null : new Answer(200, "application/octet-stream", openAiOutput(batch));
  }

  private Batch createOpenAi(RecordedRequest r, Behaviour b) {
    JsonNode body = r.json();
    String model = body.path("metadata").path("model").asText("gpt-4o-mini");
    List<String> ids = new ArrayList<>();
    List<String> models = new ArrayList<>();
    for (int i = 0; i < b.chunks(); i++) {
      ids.add("request-" + (i + 1));
      models.add(model);
    }
    Batch batch = new Batch(String.format("batch_fake%06d", r.sequence()),
        body.path("endpoint").asText("/v1/chat/completions"), ids, models, b.usage(), r);
    batches.put(batch.id(), batch);
    return batch;
  }

  private Batch createAnthropic(RecordedRequest r, Behaviour b) {
    List<String> ids = new ArrayList<>();
    List<String> models = new ArrayList<>();
    for (JsonNode request : r.json().path("requests")) {
      ids.add(request.path("custom_id").asText("request-" + (ids.size() + 1)));
      models.add(request.path("params").path("model").asText("unknown-model"));
    }
    Batch batch = new Batch(String.format("msgbatch_fake%06d", r.sequence()), "/v1/messages", ids,
        models, b.usage(), r);
    batches.put(batch.id(), batch);
    return batch;
  }

  private static ObjectNode openAiBatch(Batch batch) {
    ObjectNode o = Json.object().put("id", batch.id()).put("object", "batch")
        .put("endpoint", batch.endpoint()).putNull("errors")
        .put("input_file_id", batch.created().json().path("input_file_id").asText("file-in"))
        .put("completion_window", "24h").put("status", "completed")
        .put("output_file_id", "file-out-" + batch.id()).putNull("error_file_id")
        .put("created_at", ReplyContext.CREATED).put("completed_at", ReplyContext.CREATED + 60);
    o.putObject("request_counts").put("total", batch.customIds().size())
        .put("completed", batch.customIds().size()).put("failed", 0);
    return o;
  }

  private static ObjectNode anthropicBatch(Batch batch) {
    ObjectNode o = Json.object().put("id", batch.id()).put("type", "message_batch")
        .put("processing_status", "ended");
    o.putObject("request_counts").put("processing", 0).put("succeeded", batch.customIds().size())
        .put("errored", 0).put("canceled", 0).put("expired", 0);
    o.put("ended_at", "2025-11-23T00:01:00Z").put("created_at", "2025-11-23T00:00:00Z")
        .put("expires_at", "2025-11-24T00:00:00Z").putNull("cancel_initiated_at")
        .put("results_url", "/v1/messages/batches/" + batch.id() + "/results");
    return o;
  }

  private static String openAiOutput(Batch batch) {
    StringBuilder out = new StringBuilder();
    WireFormat format = FakeProvider.route(batch.endpoint());
    for (int i = 0; i < batch.customIds().size(); i++) {
      ReplyContext c = new ReplyContext(batch.created(), Json.object().put("input", "x"),
          batch.models().get(i), batch.usage(), 3);
      ObjectNode line = Json.object().put("id", String.format("batch_req_fake%06d", i + 1))
          .put("custom_id", batch.customIds().get(i));
      line.putObject("response").put("status_code", 200)
          .put("request_id", String.format("req_fake%06d", i + 1))
          .set("body", read(format.json(c)));
      line.putNull("error");
      out.append(Json.write(line)).append('\n');
    }
    return out.toString();
  }

  private static String anthropicResults(Batch batch) {
    StringBuilder out = new StringBuilder();
    AnthropicMessagesFormat format = new AnthropicMessagesFormat();
    for (int i = 0; i < batch.customIds().size(); i++) {
      ReplyContext c = new ReplyContext(batch.created(), Json.object(), batch.models().get(i),
          batch.usage(), 3);
      ObjectNode line = Json.object().put("custom_id", batch.customIds().get(i));
      line.putObject("result").put("type", "succeeded").set("message", read(format.json(c)));
      out.append(Json.write(line)).append('\n');
    }
    return out.toString();
  }

  private static Answer json(ObjectNode body) {
    return new Answer(200, "application/json", Json.write(body));
  }

  private static JsonNode read(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
