package dev.llmcost.agent.http.netty.reactor;

import dev.llmcost.bootstrap.CallRejected;
import dev.llmcost.bootstrap.CallTracking;
import dev.llmcost.bootstrap.LlmGuardException;
import dev.llmcost.bootstrap.NettyHooks;
import dev.llmcost.bootstrap.ReactorNettyHooks;
import io.netty.util.AttributeKey;
import java.net.URI;
import java.net.URISyntaxException;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Operators;
import reactor.netty.channel.ChannelOperations;
import reactor.netty.http.client.HttpClientConfig;

/**
 * Reactor Netty subscribes to a request on the application's thread and writes it later on an
 * event loop, where no application frame is on the stack. For a request to an LLM endpoint, the
 * origin (call site, tags, trace context) is read at the subscription, travels in the subscriber's
 * context to the connection, and is left on the channel just before the request is written, where
 * the pipeline's {@code LlmExchanges} takes it.
 */
public final class ReactorOrigins implements ReactorNettyHooks.Impl {
  private static final AttributeKey<Object> ORIGIN = AttributeKey.valueOf(NettyHooks.ORIGIN_ATTRIBUTE);

  private final CallTracking tracking;

  public ReactorOrigins(CallTracking tracking) {
    this.tracking = tracking;
  }

  /**
   * On the thread that subscribes, usually the application's: the hard budgets may refuse the call
   * here, before anything is sent, as they do for the other clients.
   */
  @Override
  @SuppressWarnings("unchecked")
  public Object subscribing(Object config, Object subscriber) {
    Object endpoint = llmEndpoint((HttpClientConfig) config);
    if (endpoint == null) {
      return subscriber; // most requests: no stack walk
    }
    try {
      tracking.checkBudget(endpoint);
    } catch (LlmGuardException refused) {
      return new CallRejected(refused);
    }
    Object origin = tracking.origin();
    return origin == null ? subscriber
        : new OriginSubscriber<>((CoreSubscriber<Object>) subscriber, origin);
  }

  /** The request fails as the client's own errors do: through its subscriber, nothing sent. */
  @Override
  public void refuse(Object subscriber, LlmGuardException reason) {
    Operators.error((CoreSubscriber<?>) subscriber, reason);
  }

  @Override
  public void sending(Object operations) {
    ChannelOperations<?, ?> ops = (ChannelOperations<?, ?>) operations; // an HttpClientOperations
    Object origin = ops.currentContext().getOrDefault(OriginSubscriber.KEY, null);
    if (origin != null) {
      ops.channel().attr(ORIGIN).set(origin);
    }
  }

  /** The LLM endpoint the configuration names, as the client will resolve it, or null. */
  private Object llmEndpoint(HttpClientConfig config) {
    String uri = config.uri();
    if (uri == null) {
      return null;
    }
    String base = config.baseUrl();
    URI target;
    try {
      target = new URI(uri.startsWith("http://") || uri.startsWith("https://") || base == null
          ? uri : base + uri);
    } catch (URISyntaxException e) {
      return null; // the client will refuse it too; not for the agent to say so
    }
    String host = target.getHost();
    if (host == null) {
      return null;
    }
    String scheme = target.getScheme() != null ? target.getScheme()
        : config.isSecure() ? "https" : "http";
    int port = target.getPort() > 0 ? target.getPort() : "https".equals(scheme) ? 443 : 80;
    return tracking.match(config.method().name(), scheme, host, port, target.getRawPath());
  }
}
