package dev.llmcost.agent.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.agent.pricing.PriceBook;
import dev.llmcost.agent.provider.Api;
import dev.llmcost.agent.provider.Endpoint;
import dev.llmcost.agent.provider.Endpoints;
import dev.llmcost.agent.provider.RequestInfo;
import dev.llmcost.agent.provider.ResponseInfo;
import dev.llmcost.agent.provider.ResponseParser;
import dev.llmcost.agent.waste.DuplicateRequests;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A batch's results, priced at batch rates to the micro-dollar (bundled table 2026-11-23). */
class BatchPricingTest {
  private static final double MICRO = 1e-6;
  private final CallReporter reporter =
      new CallReporter(PriceBook.load(null), new DuplicateRequests(600), List.of());

  private static CallRecord results(Api api, String provider, String body) {
    ResponseParser parser = Endpoints.codecFor(api).newResponseParser(false, null);
    parser.onBytes(ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)));
    parser.onEnd();
    ResponseInfo info = parser.info();
    RequestInfo request = Endpoints.codecFor(api).readRequest(null, 0);
    return new CallRecord(new Endpoint(provider, api, true), "h", 443, request, info, 200, null,
        Outcome.CONSUMED, 0, 1, -1, null, null, 0);
  }

  @Test
  void openAiBatchOutputIsHalfTheStandardPrice() {
    PricedCall call = reporter.price(results(Api.OPENAI_BATCH_RESULTS, "openai",
        dev.llmcost.agent.provider.BatchResultsTestData.OPENAI_OUTPUT));
    // gpt-4o-mini (openai.com/api/pricing): $0.15/M in, $0.075/M cached, $0.60/M out; Batch 50% off.
    // uncached 2000-1024 = 976 × 0.15 × 0.5 = $0.0000732; 1024 × 0.075 × 0.5 = $0.0000384;
    // 500 × 0.60 × 0.5 = $0.00015 → $0.0002616
    assertEquals(0.0000732, call.cost().inputUsd(), MICRO / 1000);
    assertEquals(0.0000384, call.cost().cacheReadUsd(), MICRO / 1000);
    assertEquals(0.00015, call.cost().outputUsd(), MICRO / 1000);
    assertEquals(0.0002616, call.cost().totalUsd(), MICRO / 1000);
    assertEquals("bundled 2026-11-23 openai/gpt-4o-mini batch", call.cost().source());
    assertEquals(0, call.wasteUsd());
  }

  @Test
  void anthropicResultsArePricedPerModelAtBatchRates() {
    PricedCall call = reporter.price(results(Api.ANTHROPIC_BATCH_RESULTS, "anthropic",
        dev.llmcost.agent.provider.BatchResultsTestData.ANTHROPIC_RESULTS));
    // claude-haiku-4-5 (claude.com/pricing): $1 in, $1.25 5m write, $2 1h write, $0.10 read,
    // $5 out; claude-sonnet-4-5: $3 in, $15 out; Message Batches 50% off every part.
    // haiku: 100 × 1 + 2000 × 0.10 + 300 × 1.25 + 200 × 2 + 40 × 5 = 100+200+375+400+200 = 1275
    // sonnet: 1000 × 3 + 100 × 15 = 4500; (1275 + 4500) / 1e6 × 0.5 = $0.0028875
    assertEquals(0.0028875, call.cost().totalUsd(), MICRO / 1000);
    // parts: input (100 + 3000) → $0.00155; read 200 → $0.0001; writes 775 → $0.0003875;
    // output (200 + 1500) → $0.00085
    assertEquals(0.00155, call.cost().inputUsd(), MICRO / 1000);
    assertEquals(0.0001, call.cost().cacheReadUsd(), MICRO / 1000);
    assertEquals(0.0003875, call.cost().cacheWriteUsd(), MICRO / 1000);
    assertEquals(0.00085, call.cost().outputUsd(), MICRO / 1000);
    assertTrue(call.cost().source().contains("anthropic/claude-sonnet-4-5 batch"));
    assertEquals(3600, call.usage().inputTokens());
  }

  @Test
  void theLongContextRateIsDecidedPerRequestNotForTheWholeFile() {
    StringBuilder file = new StringBuilder();
    for (int i = 0; i < 100; i++) { // 1,000,000 input tokens in all, none of them a long request
      file.append(openAiLine(i, 10_000, 1_000));
    }
    file.append(openAiLine(100, 300_000, 1_000)); // one request past the 272,000 threshold
    PricedCall call = reporter.price(results(Api.OPENAI_BATCH_RESULTS, "openai", file.toString()));
    // gpt-5.4: $2.50/M in, $15/M out; past 272,000 input tokens $5/M in, $22.50/M out; batch 50% off.
    // 100 × (10,000 × 2.50 + 1,000 × 15) / 1e6 × 0.5 = $2.00
    // 300,000 × 5 + 1,000 × 22.50 = 1,522,500 / 1e6 × 0.5 = $0.76125
    assertEquals(2.76125, call.cost().totalUsd(), MICRO);
    assertEquals(1.25 + 0.75, call.cost().inputUsd(), MICRO); // 100 × $0.0125 + $0.75
    assertEquals("bundled 2026-11-23 openai/gpt-5.4 batch; "
        + "bundled 2026-11-23 openai/gpt-5.4 long-context>272000 batch", call.cost().source());
    assertEquals(1_300_000, call.usage().inputTokens());
  }

  private static String openAiLine(int i, long input, long output) {
    return "{\"id\":\"batch_req_" + i + "\",\"custom_id\":\"r" + i + "\",\"response\":{"
        + "\"status_code\":200,\"body\":{\"object\":\"chat.completion\",\"model\":\"gpt-5.4\","
        + "\"usage\":{\"prompt_tokens\":" + input + ",\"completion_tokens\":" + output
        + "}}},\"error\":null}\n";
  }

  @Test
  void aDownloadedFileWithoutBatchResultsIsNotAnLlmCall() {
    CallRecord training = results(Api.OPENAI_BATCH_RESULTS, "openai",
        "{\"prompt\":\"a\",\"completion\":\"b\"}\n");
    assertTrue(CallReporter.isNotBatchResults(training));
    assertFalse(CallReporter.isNotBatchResults(results(Api.OPENAI_BATCH_RESULTS, "openai",
        dev.llmcost.agent.provider.BatchResultsTestData.OPENAI_OUTPUT)));
  }

  @Test
  void aSubmissionCarriesNoCost() {
    RequestInfo request = Endpoints.codecFor(Api.OPENAI_BATCH_CREATE).readRequest(
        "{\"input_file_id\":\"file-1\"}".getBytes(StandardCharsets.UTF_8), 26);
    CallRecord submit = new CallRecord(new Endpoint("openai", Api.OPENAI_BATCH_CREATE, true), "h",
        443, request, new ResponseInfo(), 200, null, Outcome.CONSUMED, 0, 1, -1, null, null, 0);
    PricedCall call = reporter.price(submit);
    assertNull(call.cost());
    assertNull(call.usage());
  }
}
