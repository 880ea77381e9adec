package dev.llmcost.agent.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.llmcost.agent.call.CallRecord;
import dev.llmcost.agent.call.CallTags;
import dev.llmcost.agent.call.Outcome;
import dev.llmcost.agent.call.PricedCall;
import dev.llmcost.agent.context.TraceParent;
import dev.llmcost.agent.provider.Api;
import dev.llmcost.agent.provider.Endpoint;
import dev.llmcost.agent.provider.RequestInfo;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tags reach spans in full, and metrics only through the allow-list. */
class ApplicationTagsTest {
  private static CallRecord call(Map<String, String> tags, Map<String, String> baggage) {
    return new CallRecord(new Endpoint("openai", Api.OPENAI_CHAT_COMPLETIONS, true),
        "api.openai.com", 443, RequestInfo.UNKNOWN, null, 200, null, Outcome.CONSUMED, 0, 1, -1,
        null, new TraceParent("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", (byte) 1, baggage),
        0, new CallTags("worker-7", tags), -1);
  }

  @Test
  void spansCarryTheThreadNameAndEveryTag() {
    Attributes a = SpanWriter.attributes(new PricedCall(
        call(Map.of("feature", "search", "user", "u-123"), Map.of("tenant", "acme")), null, null, 0, false));
    assertEquals("worker-7", a.get(AttributeKey.stringKey("thread.name")));
    assertEquals("search", a.get(AttributeKey.stringKey("llmcost.tag.feature")));
    assertEquals("u-123", a.get(AttributeKey.stringKey("llmcost.tag.user")));
    assertEquals("acme", a.get(AttributeKey.stringKey("llmcost.tag.tenant")));
  }

  /** Baggage comes from upstream callers: it must not rewrite what the agent says of a call. */
  @Test
  void baggageCannotOverwriteTheAgentsOwnAttributes() {
    Attributes a = SpanWriter.attributes(new PricedCall(call(Map.of(), Map.of(
        "llmcost.outcome", "abandoned", "llmcost.cost.usd", "0", "llmcost.feature", "search")),
        null, null, 0, false));
    assertEquals("consumed", a.get(AttributeKey.stringKey("llmcost.outcome")), "the agent's own");
    assertNull(a.get(AttributeKey.stringKey("llmcost.cost.usd")), "no string twin of the cost");
    assertEquals("search", a.get(AttributeKey.stringKey("llmcost.feature")), "other llmcost.* copied");
  }

  @Test
  void aTagSetInCodeWinsOverTheSameKeyInBaggage() {
    Attributes a = SpanWriter.attributes(new PricedCall(
        call(Map.of("tenant", "from-code"), Map.of("tenant", "from-baggage")), null, null, 0, false));
    assertEquals("from-code", a.get(AttributeKey.stringKey("llmcost.tag.tenant")));
  }

  @Test
  void onlyAllowListedKeysBecomeMetricDimensions() {
    MetricTags allowed = new MetricTags(Set.of("feature", "tenant", "team"));
    Map<String, String> dims = allowed.of(call(Map.of("feature", "search", "user", "u-123"),
        Map.of("llmcost.tenant", "acme", "team", "core")));
    assertEquals(Map.of("feature", "search", "tenant", "acme", "team", "core"), dims);
    assertEquals(Map.of(), MetricTags.NONE.of(call(Map.of("feature", "search"), Map.of())));
  }

  @Test
  void aCallWithoutTagsHasNoTagAttributes() {
    Attributes a = SpanWriter.attributes(new PricedCall(
        new CallRecord(new Endpoint("openai", Api.OPENAI_CHAT_COMPLETIONS, true), "h", 443,
            RequestInfo.UNKNOWN, null, 200, null, Outcome.CONSUMED, 0, 1, -1, null, null, 0),
        null, null, 0, false));
    assertNull(a.get(AttributeKey.stringKey("thread.name")));
    assertEquals(0, a.asMap().keySet().stream().filter(k -> k.getKey().startsWith("llmcost.tag.")).count());
  }
}
