package dev.llmcost.agent.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;
import java.util.Set;

/** Attribute names: the OpenTelemetry GenAI conventions, and ours under {@code llmcost.}. */
final class GenAiAttributes {
  private GenAiAttributes() {}

  static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
  static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
  static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
  static final AttributeKey<Long> REQUEST_MAX_TOKENS = AttributeKey.longKey("gen_ai.request.max_tokens");
  static final AttributeKey<Double> REQUEST_TEMPERATURE = AttributeKey.doubleKey("gen_ai.request.temperature");
  static final AttributeKey<Double> REQUEST_TOP_P = AttributeKey.doubleKey("gen_ai.request.top_p");
  static final AttributeKey<Boolean> REQUEST_STREAM = AttributeKey.booleanKey("gen_ai.request.stream");
  static final AttributeKey<String> RESPONSE_ID = AttributeKey.stringKey("gen_ai.response.id");
  static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
  static final AttributeKey<List<String>> FINISH_REASONS =
      AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");
  static final AttributeKey<Double> TIME_TO_FIRST_CHUNK =
      AttributeKey.doubleKey("gen_ai.response.time_to_first_chunk");
  static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
  // Content: only with llmcost.capture.content=true.
  static final AttributeKey<String> INPUT_MESSAGES = AttributeKey.stringKey("gen_ai.input.messages");
  static final AttributeKey<String> OUTPUT_MESSAGES = AttributeKey.stringKey("gen_ai.output.messages");
  static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
  static final AttributeKey<Long> CACHE_READ_TOKENS =
      AttributeKey.longKey("gen_ai.usage.cache_read.input_tokens");
  static final AttributeKey<Long> CACHE_CREATION_TOKENS =
      AttributeKey.longKey("gen_ai.usage.cache_creation.input_tokens");
  static final AttributeKey<Long> REASONING_TOKENS =
      AttributeKey.longKey("gen_ai.usage.reasoning.output_tokens");
  static final AttributeKey<String> TOKEN_TYPE = AttributeKey.stringKey("gen_ai.token.type");
  static final AttributeKey<String> OPENAI_API_TYPE = AttributeKey.stringKey("openai.api.type");
  static final AttributeKey<String> OPENAI_SERVICE_TIER =
      AttributeKey.stringKey("openai.response.service_tier");
  static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");
  static final AttributeKey<String> CODE_FUNCTION = AttributeKey.stringKey("code.function.name");
  static final AttributeKey<String> CODE_FILE = AttributeKey.stringKey("code.file.path");
  static final AttributeKey<Long> CODE_LINE = AttributeKey.longKey("code.line.number");
  static final AttributeKey<String> CODE_STACKTRACE = AttributeKey.stringKey("code.stacktrace");
  static final AttributeKey<Long> GUARD_WAIT_MS = AttributeKey.longKey("llmcost.guard.wait_ms");
  static final AttributeKey<String> THREAD_NAME = AttributeKey.stringKey("thread.name");
  /** Prefix of the application's tags (tagging API, configured baggage keys). */
  static final String TAG_PREFIX = "llmcost.tag.";

  static final AttributeKey<Double> COST_USD = AttributeKey.doubleKey("llmcost.cost.usd");
  static final AttributeKey<Double> COST_INPUT_USD = AttributeKey.doubleKey("llmcost.cost.input_usd");
  static final AttributeKey<Double> COST_OUTPUT_USD = AttributeKey.doubleKey("llmcost.cost.output_usd");
  static final AttributeKey<Double> COST_CACHE_READ_USD =
      AttributeKey.doubleKey("llmcost.cost.cache_read_usd");
  static final AttributeKey<Double> COST_CACHE_WRITE_USD =
      AttributeKey.doubleKey("llmcost.cost.cache_write_usd");
  static final AttributeKey<Boolean> USAGE_ESTIMATED = AttributeKey.booleanKey("llmcost.usage.estimated");
  static final AttributeKey<String> PRICING_SOURCE = AttributeKey.stringKey("llmcost.pricing.source");
  static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("llmcost.outcome");
  static final AttributeKey<Double> WASTE_USD = AttributeKey.doubleKey("llmcost.waste.usd");
  static final AttributeKey<Boolean> DUPLICATE = AttributeKey.booleanKey("llmcost.request.duplicate");
  static final AttributeKey<Boolean> BATCH = AttributeKey.booleanKey("llmcost.batch");
  static final AttributeKey<Boolean> BATCH_RESULTS_VISIBLE =
      AttributeKey.booleanKey("llmcost.batch.results_visible");
  static final AttributeKey<Long> BATCH_BILLED = AttributeKey.longKey("llmcost.batch.results");
  static final AttributeKey<Long> BATCH_NOT_BILLED =
      AttributeKey.longKey("llmcost.batch.results_not_billed");
  static final AttributeKey<Boolean> RETRY = AttributeKey.booleanKey("llmcost.request.retry");
  static final AttributeKey<Double> CACHING_OPPORTUNITY_USD =
      AttributeKey.doubleKey("llmcost.caching.opportunity_usd");

  /**
   * The agent's own {@code llmcost.*} span attributes: baggage named {@code llmcost.*} is copied
   * under its own name, except over these (an upstream caller could otherwise rewrite a call's
   * outcome or cost).
   */
  static final Set<String> OWN_KEYS = Set.of(GUARD_WAIT_MS.getKey(), COST_USD.getKey(),
      COST_INPUT_USD.getKey(), COST_OUTPUT_USD.getKey(), COST_CACHE_READ_USD.getKey(),
      COST_CACHE_WRITE_USD.getKey(), USAGE_ESTIMATED.getKey(), PRICING_SOURCE.getKey(),
      OUTCOME.getKey(), WASTE_USD.getKey(), DUPLICATE.getKey(), BATCH.getKey(),
      BATCH_RESULTS_VISIBLE.getKey(), BATCH_BILLED.getKey(), BATCH_NOT_BILLED.getKey(),
      RETRY.getKey(), CACHING_OPPORTUNITY_USD.getKey());
}
