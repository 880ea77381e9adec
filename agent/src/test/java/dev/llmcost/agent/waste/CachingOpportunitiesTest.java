package dev.llmcost.agent.waste;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmcost.agent.call.CallRecord;
import dev.llmcost.agent.call.Outcome;
import dev.llmcost.agent.pricing.PriceBook;
import dev.llmcost.agent.provider.Api;
import dev.llmcost.agent.provider.ChatLayout;
import dev.llmcost.agent.provider.Endpoint;
import dev.llmcost.agent.provider.Endpoints;
import dev.llmcost.agent.provider.RequestInfo;
import dev.llmcost.agent.provider.ResponseInfo;
import dev.llmcost.agent.usage.TokenEstimator;
import dev.llmcost.agent.usage.Usage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CachingOpportunitiesTest {
  private static final long SECOND = 1_000_000_000L;
  private static final String MANUAL = "The warranty covers defects in materials and workmanship "
      + "for two years from the date of purchase, excluding wear and accidental damage. ";
  private final CachingOpportunities caching = new CachingOpportunities(PriceBook.load(null), 3600);

  private static CallRecord call(String question, long startSeconds) {
    String body = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"system\",\"content\":\""
        + MANUAL.repeat(60) + "\"},{\"role\":\"user\",\"content\":\"" + question + "\"}]}";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    RequestInfo request =
        Endpoints.codecFor(Api.OPENAI_CHAT_COMPLETIONS).readRequest(bytes, bytes.length);
    return new CallRecord(new Endpoint("openai", Api.OPENAI_CHAT_COMPLETIONS, true), "h", 443,
        request, new ResponseInfo(), 200, null, Outcome.CONSUMED, startSeconds * SECOND,
        startSeconds * SECOND + 1, -1, null, null, 1);
  }

  private static Usage usage(long input, long cached) {
    return new Usage(input, 50, cached, 0, 0, 0, false);
  }

  @Test
  void aResentLargePrefixWithoutACacheHitCostsTheDifferenceToTheCachedPrice() throws Exception {
    CallRecord first = call("Does it cover a cracked screen?", 0);
    assertEquals(0, caching.avoidableUsd(first, usage(3000, 0), "gpt-4o"), "first sight");
    CallRecord second = call("And water damage?", 30);
    ChatLayout layout = second.request().layout();
    String prefix = second.request().promptText().substring(0, layout.start(1));
    // gpt-4o: $2.50/M input, $1.25/M cached (openai.com/api/pricing): $1.25 saved per million.
    // Seen again: the prefix is counted on the agent's thread; this call has the estimate.
    assertEquals(prefix.length() / TokenEstimator.CHARS_PER_TOKEN * 1.25 / 1e6,
        caching.avoidableUsd(second, usage(3000, 0), "gpt-4o"), 1e-12);
    caching.awaitCounts();
    int prefixTokens = TokenEstimator.countPrompt("gpt-4o", prefix, layout.firstMessages(1));
    assertEquals(prefixTokens * 1.25 / 1e6,
        caching.avoidableUsd(call("And theft?", 60), usage(3000, 0), "gpt-4o"), 1e-12);
    assertEquals(true, prefixTokens >= CachingOpportunities.MIN_PREFIX_TOKENS, "" + prefixTokens);
  }

  @Test
  void aCacheHitOrAnotherModelIsNoOpportunity() {
    caching.avoidableUsd(call("q1", 0), usage(3000, 0), "gpt-4o");
    assertEquals(0, caching.avoidableUsd(call("q2", 10), usage(3000, 2048), "gpt-4o"));
    assertEquals(0, caching.avoidableUsd(call("q3", 20), usage(3000, 0), "gpt-4o-mini"),
        "first sight for this model");
    assertEquals(0, caching.avoidableUsd(call("q4", 20_000), usage(3000, 0), "gpt-4o"),
        "hours later the provider's cache would have expired anyway");
  }
}
