package dev.llmcost.agent.http.netty;

import dev.llmcost.agent.http.HelperInstances;
import dev.llmcost.bootstrap.CallTracking;
import dev.llmcost.bootstrap.LlmGuardException;
import dev.llmcost.bootstrap.ReactorNettyHooks;
import java.util.List;

/**
 * The agent's side of {@link ReactorNettyHooks}: hands each hook to the helper defined next to the
 * Reactor Netty the client was loaded from (see {@code reactor}).
 */
public final class ReactorNettyCalls implements ReactorNettyHooks.Impl {
  private static final String HELPERS = "dev.llmcost.agent.http.netty.reactor.";

  private final HelperInstances<ReactorNettyHooks.Impl> helpers;

  public ReactorNettyCalls(CallTracking tracking) {
    this.helpers = new HelperInstances<>(ReactorNettyHooks.Impl.class, HELPERS + "ReactorOrigins",
        List.of(HELPERS), CallTracking.class, tracking, new Untracked());
  }

  @Override
  public Object subscribing(Object config, Object subscriber) {
    return helpers.forInstance(config).subscribing(config, subscriber);
  }

  @Override
  public void refuse(Object subscriber, LlmGuardException reason) {
    helpers.forInstance(subscriber).refuse(subscriber, reason);
  }

  @Override
  public void subscribeLater(Object mono, Object subscriber, Object state) {
    helpers.forInstance(mono).subscribeLater(mono, subscriber, state);
  }

  @Override
  public void sending(Object operations) {
    helpers.forInstance(operations).sending(operations);
  }

  /** For a copy of Reactor Netty the helpers cannot be linked against: its calls have no origin. */
  private static final class Untracked implements ReactorNettyHooks.Impl {
    @Override
    public Object subscribing(Object config, Object subscriber) {
      return subscriber;
    }

    @Override
    public void sending(Object operations) {}
  }
}
