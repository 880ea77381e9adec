package dev.llmcost.agent.telemetry;

import static dev.llmcost.agent.telemetry.GenAiAttributes.*;

import dev.llmcost.agent.call.CallRecord;
import dev.llmcost.agent.call.CallSite;
import dev.llmcost.agent.call.Outcome;
import dev.llmcost.agent.call.PricedCall;
import dev.llmcost.agent.content.ContentCapture;
import dev.llmcost.agent.pricing.Cost;
import dev.llmcost.agent.provider.RequestInfo;
import dev.llmcost.agent.provider.ResponseInfo;
import dev.llmcost.agent.usage.Usage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import dev.llmcost.agent.context.TraceParent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Writes one CLIENT span per call, after the fact, with its real start and end times. */
public final class SpanWriter implements Consumer<PricedCall> {
  private final Tracer tracer;
  /** Null unless the user turned content capture on. */
  private final ContentCapture contentCapture;

  public SpanWriter(Tracer tracer) {
    this(tracer, null);
  }

  public SpanWriter(Tracer tracer, ContentCapture contentCapture) {
    this.tracer = tracer;
    this.contentCapture = contentCapture;
  }

  @Override
  public void accept(PricedCall call) {
    CallRecord r = call.record();
    SpanBuilder builder = tracer.spanBuilder(spanName(r)).setSpanKind(SpanKind.CLIENT);
    TraceParent parent = r.parent();
    if (parent != null && parent.hasSpan()) {
      builder.setParent(Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(
          parent.traceId(), parent.spanId(), TraceFlags.fromByte(parent.traceFlags()),
          TraceState.getDefault()))));
    } else {
      builder.setNoParent();
    }
    // Straight onto the builder: an Attributes object in between would be sorted, then copied.
    write(call, contentCapture, builder::setAttribute);
    Span span = builder.setStartTimestamp(r.startEpochNanos(), TimeUnit.NANOSECONDS).startSpan();
    String error = ErrorTypes.of(r);
    if (error != null) {
      span.setStatus(StatusCode.ERROR, describe(r));
    }
    span.end(r.endEpochNanos(), TimeUnit.NANOSECONDS);
  }

  static String spanName(CallRecord r) {
    String model = r.model();
    String operation = r.endpoint().api().operation();
    return model != null ? operation + " " + model : operation;
  }

  static Attributes attributes(PricedCall call) {
    return attributes(call, null);
  }

  static Attributes attributes(PricedCall call, ContentCapture contentCapture) {
    AttributesBuilder builder = Attributes.builder();
    write(call, contentCapture, builder::put);
    return builder.build();
  }

  /** Where a span's attributes go: its span builder, or an {@link Attributes} builder in tests. */
  interface AttributeSink {
    <T> void put(AttributeKey<T> key, T value);
  }

  private static void write(PricedCall call, ContentCapture contentCapture, AttributeSink a) {
    CallRecord r = call.record();
    RequestInfo request = r.request();
    ResponseInfo response = r.response();
    a.put(OPERATION, r.endpoint().api().operation());
    a.put(PROVIDER, r.endpoint().provider());
    a.put(SERVER_ADDRESS, r.serverAddress());
    a.put(SERVER_PORT, (long) r.serverPort());
    a.put(OUTCOME, r.outcome().value());
    putIfPresent(a, REQUEST_MODEL, request.model());
    putIfPresent(a, REQUEST_MAX_TOKENS, request.maxTokens());
    putIfPresent(a, REQUEST_TEMPERATURE, request.temperature());
    putIfPresent(a, REQUEST_TOP_P, request.topP());
    putIfPresent(a, REQUEST_STREAM, request.stream());
    putIfPresent(a, OPENAI_API_TYPE, r.endpoint().api().openAiApiType());
    if (r.statusCode() > 0) {
      a.put(HTTP_STATUS, (long) r.statusCode());
    }
    if (response != null) {
      putIfPresent(a, RESPONSE_ID, response.id);
      putIfPresent(a, RESPONSE_MODEL, response.model);
      if (!response.finishReasons.isEmpty()) {
        a.put(FINISH_REASONS, List.copyOf(response.finishReasons));
      }
      if (r.endpoint().api().openAiApiType() != null) {
        putIfPresent(a, OPENAI_SERVICE_TIER, response.serviceTier);
      }
    }
    if (r.streamed() && r.timeToFirstChunkNanos() >= 0) {
      a.put(TIME_TO_FIRST_CHUNK, r.timeToFirstChunkNanos() / 1e9);
    }
    putIfPresent(a, ERROR_TYPE, ErrorTypes.of(r));
    putUsage(a, call.usage());
    putCost(a, call.cost());
    putBatch(a, r);
    if (r.outcome() != Outcome.CONSUMED) {
      a.put(WASTE_USD, call.wasteUsd());
    }
    if (call.duplicate()) {
      a.put(DUPLICATE, true);
    }
    if (call.retry()) {
      a.put(RETRY, true);
    }
    if (call.cachingOpportunityUsd() > 0) {
      a.put(CACHING_OPPORTUNITY_USD, call.cachingOpportunityUsd());
    }
    if (r.parent() != null) {
      r.parent().baggage().forEach((key, value) -> {
        if (!key.startsWith("llmcost.")) {
          a.put(AttributeKey.stringKey(TAG_PREFIX + key), value);
        } else if (!GenAiAttributes.OWN_KEYS.contains(key)) {
          a.put(AttributeKey.stringKey(key), value);
        }
      });
    }
    putIfPresent(a, THREAD_NAME, r.tags().threadName());
    if (r.guardWaitNanos() >= 0) {
      a.put(GUARD_WAIT_MS, r.guardWaitNanos() / 1_000_000);
    }
    r.tags().tags().forEach((key, value) -> a.put(AttributeKey.stringKey(TAG_PREFIX + key), value)); // code wins over baggage
    CallSite site = r.callSite();
    if (site != null) {
      a.put(CODE_FUNCTION, site.function());
      putIfPresent(a, CODE_FILE, site.file());
      if (site.line() > 0) {
        a.put(CODE_LINE, (long) site.line());
      }
      a.put(CODE_STACKTRACE, site.stackTrace());
    }
    if (contentCapture != null) {
      putIfPresent(a, INPUT_MESSAGES, request.inputMessages());
      if (response != null && response.errorType == null) {
        putIfPresent(a, OUTPUT_MESSAGES,
            contentCapture.outputMessages(response.outputText, response.finishReasons));
      }
    }
  }

  private static void putUsage(AttributeSink a, Usage u) {
    if (u == null) {
      return;
    }
    a.put(INPUT_TOKENS, u.inputTokens());
    a.put(OUTPUT_TOKENS, u.outputTokens());
    if (u.cacheReadTokens() > 0) {
      a.put(CACHE_READ_TOKENS, u.cacheReadTokens());
    }
    if (u.cacheWriteTokens() > 0) {
      a.put(CACHE_CREATION_TOKENS, u.cacheWriteTokens());
    }
    if (u.reasoningTokens() > 0) {
      a.put(REASONING_TOKENS, u.reasoningTokens());
    }
    a.put(USAGE_ESTIMATED, u.estimated());
  }

  /**
   * A submission carries no tokens: they are billed when the batch runs, and priced here only on
   * the span of a results download this JVM makes. The submission's span says so.
   */
  private static void putBatch(AttributeSink a, CallRecord r) {
    if (!r.endpoint().api().isBatch()) {
      return;
    }
    a.put(BATCH, true);
    boolean results = r.endpoint().api().isBatchResults();
    a.put(BATCH_RESULTS_VISIBLE, results);
    if (results && r.response() != null && r.response().batch != null) {
      a.put(BATCH_BILLED, (long) r.response().batch.billed());
      a.put(BATCH_NOT_BILLED, (long) r.response().batch.notBilled());
    }
  }

  /** Cache parts only when there are some: each attribute is paid for again at export. */
  private static void putCost(AttributeSink a, Cost c) {
    if (c == null) {
      return;
    }
    a.put(COST_USD, c.totalUsd());
    a.put(COST_INPUT_USD, c.inputUsd());
    a.put(COST_OUTPUT_USD, c.outputUsd());
    if (c.cacheReadUsd() != 0) {
      a.put(COST_CACHE_READ_USD, c.cacheReadUsd());
    }
    if (c.cacheWriteUsd() != 0) {
      a.put(COST_CACHE_WRITE_USD, c.cacheWriteUsd());
    }
    a.put(PRICING_SOURCE, c.source());
  }

  private static String describe(CallRecord r) {
    if (r.statusCode() >= 400) {
      String providerError = r.response() != null ? r.response().errorType : null;
      return "HTTP " + r.statusCode() + (providerError != null ? " " + providerError : "");
    }
    if (r.error() == null && r.response() != null && r.response().errorType != null) {
      return "provider error " + r.response().errorType; // sent in the body of a 200
    }
    return r.error() != null ? String.valueOf(r.error().getMessage()) : "failed";
  }

  private static <T> void putIfPresent(AttributeSink a, AttributeKey<T> key, T value) {
    if (value != null) {
      a.put(key, value);
    }
  }
}
