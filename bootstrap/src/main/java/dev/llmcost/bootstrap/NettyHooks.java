package dev.llmcost.bootstrap;

/**
 * Called by advice inlined into Netty's {@code CombinedChannelDuplexHandler}, the class behind
 * {@code HttpClientCodec}. Types are Object because the boot loader cannot see the application's
 * Netty; {@code codec}'s class loader tells the implementation which copy of Netty it is.
 */
public final class NettyHooks {
  /** The agent's side of these hooks. */
  public interface Impl {
    /**
     * A combined handler was added to a channel pipeline ({@code ctx} is its context); when it is
     * an HTTP/1.1 client codec, the agent adds its own handler right after it.
     */
    void handlerAdded(Object codec, Object ctx);
  }

  /** Netty's HTTP/1.1 client codec, after which the agent's handler goes. */
  public static final String CLIENT_CODEC = "io.netty.handler.codec.http.HttpClientCodec";

  /**
   * Netty's codec of one HTTP/2 stream (client or server), after which the agent's handler goes
   * on a client's streams. Named, not linked: an application's Netty may lack the HTTP/2 codec.
   */
  public static final String STREAM_CODEC =
      "io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec";

  /**
   * The channel attribute through which a client that sends from its event loop (Reactor Netty)
   * hands over the origin of the request it is about to write ({@link CallTracking#origin}).
   */
  public static final String ORIGIN_ATTRIBUTE = "llm-cost-agent.origin";

  private static volatile Impl impl;

  private NettyHooks() {}

  public static void install(Impl implementation) {
    impl = implementation;
  }

  public static void handlerAdded(Object codec, Object ctx) {
    Impl i = impl;
    if (i == null) {
      return;
    }
    try {
      i.handlerAdded(codec, ctx);
    } catch (Throwable t) {
      HookErrors.record("Netty pipeline", t);
    }
  }
}
