package dev.llmcost.agent.http.netty.reactor;

import dev.llmcost.bootstrap.CallTracking;
import dev.llmcost.bootstrap.NettyHooks;
import dev.llmcost.bootstrap.ReactorNettyHooks;
import io.netty.util.AttributeKey;
import java.net.URI;
import reactor.core.CoreSubscriber;
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

  @Override
  @SuppressWarnings("unchecked")
  public Object subscribing(Object config, Object subscriber) {
    if (!toAnLlmEndpoint((HttpClientConfig) config)) {
      return subscriber; // most requests: no stack walk
    }
    Object origin = tracking.origin();
    return origin == null ? subscriber
        : new OriginSubscriber<>((CoreSubscriber<Object>) subscriber, origin);
  }

  @Override
  public void sending(Object operations) {
    ChannelOperations<?, ?> ops = (ChannelOperations<?, ?>) operations; // an HttpClientOperations
    Object origin = ops.currentContext().getOrDefault(OriginSubscriber.KEY, null);
    if (origin != null) {
      ops.channel().attr(ORIGIN).set(origin);
    }
  }

  /** What the configuration names, as the client will resolve it; false when it cannot tell. */
  private boolean toAnLlmEndpoint(HttpClientConfig config) {
    String uri = config.uri();
    if (uri == null) {
      return false;
    }
    String base = config.baseUrl();
    URI target = URI.create(uri.startsWith("http://") || uri.startsWith("https://") || base == null
        ? uri : base + uri);
    String host = target.getHost();
    if (host == null) {
      return false;
    }
    String scheme = target.getScheme() != null ? target.getScheme()
        : config.isSecure() ? "https" : "http";
    int port = target.getPort() > 0 ? target.getPort() : "https".equals(scheme) ? 443 : 80;
    return tracking.match(config.method().name(), scheme, host, port, target.getRawPath()) != null;
  }
}
