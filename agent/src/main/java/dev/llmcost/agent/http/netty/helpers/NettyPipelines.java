package dev.llmcost.agent.http.netty.helpers;

import dev.llmcost.bootstrap.CallTracking;
import dev.llmcost.bootstrap.NettyHooks;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;

/**
 * Puts an {@link LlmExchanges} right after each HTTP/1.1 client codec, and after each HTTP/2
 * stream's codec on the client's side, once per pipeline.
 */
public final class NettyPipelines implements NettyHooks.Impl {
  static final String NAME = "llm-cost-agent";

  private final CallTracking tracking;

  public NettyPipelines(CallTracking tracking) {
    this.tracking = tracking;
  }

  @Override
  public void handlerAdded(Object codec, Object ctx) {
    ChannelHandlerContext context = (ChannelHandlerContext) ctx;
    boolean stream = codec.getClass().getName().equals(NettyHooks.STREAM_CODEC);
    if (stream && !clientStream(context.channel())) {
      return; // a server's stream: its requests are the application's to answer, not LLM calls
    }
    ChannelPipeline pipeline = context.pipeline();
    if (pipeline.get(NAME) == null) {
      pipeline.addAfter(context.name(), NAME, new LlmExchanges(tracking));
    }
  }

  /**
   * A stream of a connection this process opened: the connection has no parent, where one a server
   * accepted has the server's listening channel.
   */
  private static boolean clientStream(Channel stream) {
    Channel connection = stream.parent();
    return connection != null && connection.parent() == null;
  }
}
