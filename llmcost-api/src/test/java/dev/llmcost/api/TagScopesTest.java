package dev.llmcost.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class TagScopesTest {
  private final TagScopes scopes = new TagScopes();

  @Test
  void innerScopesAddTagsAndOverrideOuterValuesUntilClosed() {
    try (Tag feature = scopes.open("feature", "search")) {
      try (Tag tenant = scopes.open("tenant", "acme"); Tag inner = scopes.open("feature", "rerank")) {
        assertEquals(Map.of("feature", "rerank", "tenant", "acme"), scopes.current());
      }
      assertEquals(Map.of("feature", "search"), scopes.current());
    }
    assertEquals(Map.of(), scopes.current());
  }

  @Test
  void scopesClosedOutOfOrderAreSkippedAndThenDropped() {
    Tag outer = scopes.open("a", "1");
    Tag inner = scopes.open("b", "2");
    outer.close();
    assertEquals(Map.of("b", "2"), scopes.current());
    inner.close();
    assertEquals(Map.of(), scopes.current());
  }

  @Test
  void tagsBelongToTheThreadThatOpenedThem() throws Exception {
    try (Tag t = scopes.open("feature", "search")) {
      assertEquals(Map.of(), CompletableFuture.supplyAsync(scopes::current).get());
      assertEquals(Map.of("feature", "search"), scopes.current());
    }
  }

  @Test
  void withoutTheAgentTaggingDoesNothing() {
    // Loaded from this module, not from the boot class path: the application's copy.
    assertFalse(LlmCost.agentPresent());
    try (Tag t = LlmCost.tag("feature", "search")) {
      assertSame(Tag.NONE, t);
      assertEquals(Map.of(), LlmCost.currentTags());
    }
    assertTrue(LlmCost.currentTags().isEmpty());
  }
}
