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
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.netty.channel.ChannelOperations;
import reactor.netty.http.client.HttpClientConfig;

/**
 * Reactor Netty subscribes to a request on the application's thread and writes it later on an
 * event loop, where no application frame is on the stack. For a request to an LLM endpoint, the
 * origin (call site, tags, trace context, and the concurrency slot taken for it) is read at the
 * subscription, travels in the subscriber's context to the connection, and is left on the channel
 * just before the request is written, where the pipeline's {@code LlmExchanges} takes it.
 */
public final class ReactorOrigins implements ReactorNettyHooks.Impl {
  private static final AttributeKey<Object> ORIGIN = AttributeKey.valueOf(NettyHooks.ORIGIN_ATTRIBUTE);
  /** In a resubscription's context: the origin holding the slot it waited for. */
  private static final String SLOT = "llm-cost-agent.slot";
  /** Set while a request is subscribed as if no limit applied (see {@link #subscribeLater}). */
  private static final ThreadLocal<Boolean> AS_IS = new ThreadLocal<>();

  private final CallTracking tracking;

  public ReactorOrigins(CallTracking tracking) {
    this.tracking = tracking;
  }

  /**
   * On the thread that subscribes, usually the application's: the hard budgets may refuse the call
   * here, before anything is sent, as they do for the other clients, and a concurrency limit makes
   * it wait, off this thread ({@link #subscribeLater}), for it may be an event loop.
   */
  @Override
  @SuppressWarnings("unchecked")
  public Object subscribing(Object config, Object subscriber) {
    Object endpoint = llmEndpoint((HttpClientConfig) config);
    if (endpoint == null || Boolean.TRUE.equals(AS_IS.get())) {
      return subscriber; // most requests: no stack walk
    }
    CoreSubscriber<Object> actual = (CoreSubscriber<Object>) subscriber;
    Object resumed = actual.currentContext().getOrDefault(SLOT, null);
    try {
      tracking.checkBudget(endpoint); // again after a wait: the calls waited for may have spent it
    } catch (LlmGuardException refused) {
      if (resumed != null) {
        tracking.release(resumed);
      }
      return new CallRejected(refused);
    }
    if (resumed != null) {
      return new OriginSubscriber<>(actual, resumed, tracking);
    }
    Object origin = tracking.origin();
    if (origin == null) {
      return subscriber;
    }
    Object holding = tracking.withSlot(origin, endpoint);
    return holding == null ? new ReactorNettyHooks.Later(new Waiting(origin, endpoint))
        : new OriginSubscriber<>(actual, holding, tracking);
  }

  /** The request fails as the client's own errors do: through its subscriber, nothing sent. */
  @Override
  public void refuse(Object subscriber, LlmGuardException reason) {
    Operators.error((CoreSubscriber<?>) subscriber, reason);
  }

  /**
   * Subscribes the application's subscriber to a request that waits, on an agent thread, for its
   * concurrency slot: the subscription happens again once the slot is granted, with the origin
   * holding it in its context ({@link #subscribing} finds it there). A cancel while waiting leaves
   * the queue; a slot granted as the subscriber cancels is released.
   */
  @Override
  @SuppressWarnings("unchecked")
  public void subscribeLater(Object mono, Object subscriber, Object state) {
    Mono<Object> request = (Mono<Object>) mono;
    CoreSubscriber<Object> actual = (CoreSubscriber<Object>) subscriber;
    Waiting waiting = (Waiting) state;
    try {
      Mono.<Granted>create(sink -> {
            Runnable cancel = tracking.awaitSlot(waiting.origin(), waiting.endpoint(),
                holding -> sink.success(new Granted(holding)), sink::error);
            sink.onCancel(cancel::run);
          })
          .doOnDiscard(Granted.class, granted -> tracking.release(granted.origin()))
          .flatMap(granted -> request.contextWrite(c -> c.put(SLOT, granted.origin())))
          .subscribe(actual);
    } catch (RuntimeException | Error e) {
      // The agent's fault must not lose the request: it goes as if no limit applied.
      AS_IS.set(Boolean.TRUE);
      try {
        request.subscribe(actual);
      } finally {
        AS_IS.remove();
      }
      throw e;
    }
  }

  /** A request waiting for its slot: where it comes from and where it goes. */
  private record Waiting(Object origin, Object endpoint) {}

  /** A slot granted: the origin holding it. */
  private record Granted(Object origin) {}

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
