package dev.llmcost.agent.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.agent.usage.TokenEstimator.ChatMessage;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Counts published by OpenAI (tiktoken, cookbook "How to count tokens with tiktoken"). */
class TokenEstimatorTest {

  /**
   * The first estimate of a fresh agent, on an application's thread, does not wait for the
   * vocabulary (half a second): it goes by length, and the next one counts. A class loader of its
   * own gives this test a TokenEstimator that has read nothing yet.
   */
  @Test
  void theFirstEstimateGoesByLengthWhileTheVocabularyIsReadInTheBackground() throws Exception {
    URL[] classes = {location(TokenEstimator.class), location(com.knuddels.jtokkit.Encodings.class)};
    try (URLClassLoader fresh = new URLClassLoader(classes, ClassLoader.getPlatformClassLoader())) {
      Class<?> estimator = fresh.loadClass(TokenEstimator.class.getName());
      Method countWithoutWaiting = estimator.getMethod("countWithoutWaiting", String.class, String.class);
      Method isReady = estimator.getMethod("isReady", String.class);
      String text = "The quick brown fox jumps over the lazy dog. ".repeat(100);
      assertEquals(false, isReady.invoke(null, "gpt-4o"));
      assertEquals((text.length() + 3) / 4, countWithoutWaiting.invoke(null, "gpt-4o", text));
      for (int i = 0; i < 500 && !(Boolean) isReady.invoke(null, "gpt-4o"); i++) {
        Thread.sleep(20);
      }
      assertEquals(TokenEstimator.count("gpt-4o", text), countWithoutWaiting.invoke(null, "gpt-4o", text));
    }
  }

  private static URL location(Class<?> type) {
    return type.getProtectionDomain().getCodeSource().getLocation();
  }

  @Test
  void helloWorldIsTwoTokensInBothEncodings() {
    assertEquals(2, TokenEstimator.count("gpt-4o", "hello world"));
    assertEquals(2, TokenEstimator.count("gpt-4", "hello world"));
  }

  @Test
  void cl100kCountsMatchTheCookbook() {
    // [83, 1609, 5963, 374, 2294, 0]
    assertEquals(6, TokenEstimator.count("gpt-3.5-turbo", "tiktoken is great!"));
    assertEquals(6, TokenEstimator.count("gpt-4-0613", "antidisestablishmentarianism"));
    assertEquals(7, TokenEstimator.count("text-embedding-3-small", "2 + 2 = 4"));
    assertEquals(9, TokenEstimator.count("gpt-4", "お誕生日おめでとう"));
  }

  @Test
  void o200kCountsMatchTheCookbook() {
    // [493, 129901, 376, 160388, 21203, 2367]: ant|idis|est|ablishment|arian|ism
    assertEquals(6, TokenEstimator.count("gpt-4o", "antidisestablishmentarianism"));
    assertEquals(7, TokenEstimator.count("o3-mini", "2 + 2 = 4"));
  }

  @Test
  void modelFamiliesUseTheirEncoding() {
    for (String m : List.of("gpt-4o-mini", "gpt-4.1", "gpt-5", "gpt-6-sol", "o1", "o4-mini",
        "openai/gpt-4o", "claude-sonnet-4-5", "gemini-2.5-pro", "unknown-model")) {
      assertEquals("o200k_base", TokenEstimator.encodingName(m), m);
    }
    for (String m : List.of("gpt-4", "gpt-4-turbo", "gpt-3.5-turbo-0125", "gpt-35-turbo",
        "text-embedding-ada-002", "text-embedding-3-large")) {
      assertEquals("cl100k_base", TokenEstimator.encodingName(m), m);
    }
  }

  @Test
  void specialTokenTextIsCountedAsPlainText() {
    assertTrue(TokenEstimator.count("gpt-4o", "<|endoftext|>") > 1);
  }

  @Test
  void nothingCountsZero() {
    assertEquals(0, TokenEstimator.count("gpt-4o", null));
    assertEquals(0, TokenEstimator.count(null, ""));
    assertEquals(0, TokenEstimator.countChat("gpt-4o", List.of()));
  }

  @Test
  void chatCountMatchesTheCookbookExampleVerifiedAgainstTheApi() {
    // The cookbook's example conversation: 129 prompt tokens reported by the API for gpt-4-0613.
    List<ChatMessage> messages = List.of(
        new ChatMessage("system", "You are a helpful, pattern-following assistant that translates "
            + "corporate jargon into plain English."),
        new ChatMessage("system", "example_user", "New synergies will help drive top-line growth."),
        new ChatMessage("system", "example_assistant",
            "Things working well together will increase revenue."),
        new ChatMessage("system", "example_user", "Let's circle back when we have more bandwidth "
            + "to touch base on opportunities for increased leverage."),
        new ChatMessage("system", "example_assistant",
            "Let's talk later when we're less busy about how to do better."),
        new ChatMessage("user", "This late pivot means we don't have time to boil the ocean for "
            + "the client deliverable."));
    assertEquals(129, TokenEstimator.countChat("gpt-4-0613", messages));
  }

  @Test
  void chatFramingIsOnlyAddedForOpenAiModels() {
    List<ChatMessage> one = List.of(new ChatMessage("user", "hello world"));
    // 3 framing + 1 ("user") + 2 ("hello world") + 3 reply priming
    assertEquals(9, TokenEstimator.countChat("gpt-4o", one));
    // no published framing for Claude: the content alone
    assertEquals(2, TokenEstimator.countChat("claude-sonnet-4-5", one));
  }

  @Test
  void estimateIsMarkedEstimated() {
    Usage usage = TokenEstimator.estimate("gpt-4o", "hello world", "tiktoken is great!");
    assertEquals(2, usage.inputTokens());
    assertTrue(usage.outputTokens() > 0);
    assertTrue(usage.estimated());
    assertEquals(0, usage.cacheReadTokens());
  }
}
