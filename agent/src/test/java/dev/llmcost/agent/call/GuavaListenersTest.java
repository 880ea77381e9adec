package dev.llmcost.agent.call;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Guava's listener list, read under either of its names; unreadable means "maybe". */
class GuavaListenersTest {
  /** As Guava up to 33.4: the field on the future's own class chain. */
  static class OlderFuture {
    private volatile Object listeners;
  }

  /** As Guava since: on a superclass, under another name. */
  static class FutureState {
    volatile Object listenersField;
  }

  static class NewerFuture extends FutureState {}

  @Test
  void aFutureWithoutListenersSaysSoAndOneWithThemOrUnknownMayHaveThem() {
    OlderFuture older = new OlderFuture();
    assertFalse(GuavaListeners.mayHaveListeners(older));
    older.listeners = new Object();
    assertTrue(GuavaListeners.mayHaveListeners(older));

    NewerFuture newer = new NewerFuture();
    assertFalse(GuavaListeners.mayHaveListeners(newer));
    newer.listenersField = new Object();
    assertTrue(GuavaListeners.mayHaveListeners(newer));

    assertTrue(GuavaListeners.mayHaveListeners(new Object()), "no such field: assume listeners");
  }
}
