package dev.llmcost.agent.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.agent.provider.Api;
import dev.llmcost.agent.provider.Endpoint;
import dev.llmcost.agent.provider.Endpoints;
import dev.llmcost.agent.provider.RequestInfo;
import dev.llmcost.agent.provider.ResponseInfo;
import dev.llmcost.agent.usage.TokenEstimator;
import dev.llmcost.agent.usage.TokenEstimator.ChatMessage;
import dev.llmcost.agent.usage.Usage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How close the agent's estimate of prompt tokens is to what the provider bills, when a call
 * reports no usage. The estimate runs the agent's real path: request bytes → OpenAI codec → the
 * chat layout → the model's tokenizer with the chat format's per-message tokens.
 *
 * <p>What is compared: (1) the one conversation for which OpenAI published the API's own
 * prompt_tokens (cookbook "How to count tokens with tiktoken", section 6: 129 for gpt-3.5-turbo and
 * gpt-4-0613, 124 for gpt-4o and gpt-4o-mini, "counted by the OpenAI API"); (2) English chat
 * prompts of realistic sizes, against the cookbook's documented counting rule (3 tokens per
 * message, 1 per name, 3 to prime the reply) applied with the same encoding to each message on
 * its own — a rule the cookbook checks against the API, not API figures for these prompts.
 * Target: within 2%.
 */
class EstimationAccuracyTest {
  private static final double TARGET = 0.02;

  private static final String[][] COOKBOOK = {
    {"system", null, "You are a helpful, pattern-following assistant that translates corporate "
        + "jargon into plain English."},
    {"system", "example_user", "New synergies will help drive top-line growth."},
    {"system", "example_assistant", "Things working well together will increase revenue."},
    {"system", "example_user", "Let's circle back when we have more bandwidth to touch base on "
        + "opportunities for increased leverage."},
    {"system", "example_assistant", "Let's talk later when we're less busy about how to do better."},
    {"user", null, "This late pivot means we don't have time to boil the ocean for the client "
        + "deliverable."},
  };

  /**
   * Both vocabularies in memory first: until then an estimate goes by length, so as not to read a
   * vocabulary on the thread that ends a call (TokenEstimatorTest), and this test is about the
   * tokenizer's count.
   */
  @BeforeAll
  static void vocabulariesRead() {
    TokenEstimator.count("gpt-4o", "warm up");
    TokenEstimator.count("gpt-4-0613", "warm up");
  }

  /** What the agent bills when the provider reported nothing: the full path from the bytes. */
  private static long estimatedPromptTokens(String model, String[][] messages) {
    byte[] body = chatRequest(model, messages).getBytes(StandardCharsets.UTF_8);
    RequestInfo request =
        Endpoints.codecFor(Api.OPENAI_CHAT_COMPLETIONS).readRequest(body, body.length);
    CallRecord record = new CallRecord(new Endpoint("openai", Api.OPENAI_CHAT_COMPLETIONS, true),
        "api.openai.com", 443, request, new ResponseInfo(), 200, null, Outcome.CANCELLED, 0, 1,
        -1, null, null, 0);
    Usage usage = BilledUsage.resolve(record);
    assertTrue(usage.estimated());
    return usage.inputTokens();
  }

  private static String chatRequest(String model, String[][] messages) {
    StringBuilder json = new StringBuilder("{\"model\":\"").append(model)
        .append("\",\"temperature\":0,\"messages\":[");
    for (int i = 0; i < messages.length; i++) {
      String[] m = messages[i];
      json.append(i == 0 ? "" : ",").append("{\"role\":\"").append(m[0]).append('"');
      if (m[1] != null) {
        json.append(",\"name\":\"").append(m[1]).append('"');
      }
      json.append(",\"content\":\"").append(m[2].replace("\"", "\\\"")).append("\"}");
    }
    return json.append("],\"stream\":true}").toString();
  }

  private static int documentedRule(String model, String[][] messages) {
    List<ChatMessage> list = new ArrayList<>();
    for (String[] m : messages) {
      list.add(new ChatMessage(m[0], m[1], m[2]));
    }
    return TokenEstimator.countChat(model, list);
  }

  private static void assertWithinTarget(long expected, long estimate, String what) {
    double error = Math.abs(estimate - expected) / (double) expected;
    assertTrue(error <= TARGET,
        what + ": estimated " + estimate + ", billed " + expected + " (" + 100 * error + "% off)");
  }

  @ParameterizedTest(name = "{0}: {1} prompt tokens reported by the API")
  @CsvSource({"gpt-3.5-turbo, 129", "gpt-4-0613, 129", "gpt-4o, 124", "gpt-4o-mini, 124"})
  void theCookbookConversationEstimatesToTheApisOwnCount(String model, long apiPromptTokens) {
    long estimate = estimatedPromptTokens(model, COOKBOOK);
    assertWithinTarget(apiPromptTokens, estimate, model);
    assertEquals(apiPromptTokens, estimate, "exact, in fact");
  }

  @Test
  void englishChatPromptsOfEverySizeAreWithinTwoPercent() {
    String policy = "Customers may return any unworn item within 30 days of delivery for a full "
        + "refund. Items bought on sale can be exchanged but not refunded. Shipping costs are "
        + "refunded only when the item arrived damaged or was not what was ordered. ";
    String[][][] prompts = {
      {{"user", null, "Say hi"}},
      {{"system", null, "You are a concise assistant."},
          {"user", null, "What is the capital of France?"}},
      {{"system", null, "You answer questions about our return policy. " + policy.repeat(3)},
          {"user", null, "I bought a jacket on sale last week and it does not fit. Can I get "
              + "my money back, or only swap it for another size?"}},
      {{"system", null, "You are a helpful travel planner."},
          {"user", null, "I have three days in Lisbon in October. What should I see?"},
          {"assistant", null, "Day one: Alfama and the castle. Day two: Belém, the tower and "
              + "the monastery. Day three: a trip to Sintra."},
          {"user", null, "Which of those needs tickets booked in advance, and how early?"}},
      {{"system", null, "Summarise the following support conversation for the account "
          + "manager in five bullet points. " + policy.repeat(20)},
          {"user", null, "The customer wrote in twice about a late delivery, then asked for a "
              + "refund of the shipping costs and a discount on the next order."}},
    };
    for (String model : List.of("gpt-4o", "gpt-4.1-mini", "gpt-4-turbo")) {
      for (String[][] prompt : prompts) {
        long expected = documentedRule(model, prompt);
        assertWithinTarget(expected, estimatedPromptTokens(model, prompt),
            model + " " + prompt.length + " message(s)");
      }
    }
  }

  @Test
  void countingTheTextAloneWouldMissTheTarget() {
    // Why the per-message tokens matter: the text alone leaves out 6 × 3 framing tokens, the
    // roles, the names and the 3 reply tokens, far more than 2% of this 129-token bill.
    StringBuilder text = new StringBuilder();
    for (String[] m : COOKBOOK) {
      text.append(m[2]).append('\n');
    }
    long textOnly = TokenEstimator.count("gpt-4-0613", text.toString().strip());
    assertTrue(Math.abs(textOnly - 129) / 129.0 > TARGET, "text alone: " + textOnly);
  }
}
