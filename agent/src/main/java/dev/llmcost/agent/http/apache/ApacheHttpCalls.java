package dev.llmcost.agent.http.apache;

import dev.llmcost.agent.http.HelperInstances;
import dev.llmcost.bootstrap.ApacheHttpHooks;
import dev.llmcost.bootstrap.CallTracking;
import dev.llmcost.bootstrap.LlmGuardException;
import java.util.List;

/**
 * The agent's side of {@link ApacheHttpHooks}: hands each hook to the helper defined next to the
 * httpclient5 the calling client was loaded from (see {@code helpers}), so the agent itself never
 * links against the application's copy of the library.
 */
public final class ApacheHttpCalls implements ApacheHttpHooks.Impl {
  private static final String HELPERS = "dev.llmcost.agent.http.apache.helpers.";
  private static final String BODY_STREAMS = "dev.llmcost.agent.http.body.";

  private final HelperInstances<ApacheHttpHooks.Impl> helpers;

  public ApacheHttpCalls(CallTracking tracking) {
    this.helpers = new HelperInstances<>(ApacheHttpHooks.Impl.class, HELPERS + "ApacheExchanges",
        List.of(HELPERS, BODY_STREAMS), CallTracking.class, tracking, new Untracked());
  }

  @Override
  public Object classicStart(Object client, Object target, Object request) {
    return helpers.forInstance(client).classicStart(client, target, request);
  }

  @Override
  public Object classicEnd(Object client, Object exchange, Object response, Throwable thrown) {
    return helpers.forInstance(client).classicEnd(client, exchange, response, thrown);
  }

  @Override
  public Object asyncStart(Object client, Object target, Object requestProducer) {
    return helpers.forInstance(client).asyncStart(client, target, requestProducer);
  }

  @Override
  public Object asyncConsumer(Object client, Object exchange, Object consumer) {
    return helpers.forInstance(client).asyncConsumer(client, exchange, consumer);
  }

  @Override
  public Object asyncCallback(Object client, Object exchange, Object callback) {
    return helpers.forInstance(client).asyncCallback(client, exchange, callback);
  }

  @Override
  public Object asyncEnd(Object client, Object exchange, Object future, Throwable thrown) {
    return helpers.forInstance(client).asyncEnd(client, exchange, future, thrown);
  }

  @Override
  public void asyncRefuse(Object client, Object callback, LlmGuardException reason) {
    helpers.forInstance(client).asyncRefuse(client, callback, reason);
  }

  /** For a copy of the library the helpers cannot be linked against: nothing is tracked. */
  public static final class Untracked implements ApacheHttpHooks.Impl {
    @Override
    public Object classicStart(Object client, Object target, Object request) {
      return null;
    }

    @Override
    public Object classicEnd(Object client, Object exchange, Object response, Throwable thrown) {
      return response;
    }

    @Override
    public Object asyncStart(Object client, Object target, Object requestProducer) {
      return null;
    }

    @Override
    public Object asyncConsumer(Object client, Object exchange, Object consumer) {
      return consumer;
    }

    @Override
    public Object asyncCallback(Object client, Object exchange, Object callback) {
      return callback;
    }

    @Override
    public Object asyncEnd(Object client, Object exchange, Object future, Throwable thrown) {
      return future;
    }
  }
}
