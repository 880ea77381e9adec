package dev.llmcost.agent.http.netty.helpers;

import dev.llmcost.bootstrap.CallTracking;
import dev.llmcost.bootstrap.NettyHooks;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;

/** Puts an {@link LlmExchanges} right after each HTTP/1.1 client codec, once per pipeline. */
public final class NettyPipelines implements NettyHooks.Impl {
  static final String NAME = "llm-cost-agent";

  private final CallTracking tracking;

  public NettyPipelines(CallTracking tracking) {
    this.tracking = tracking;
  }

  @Override
  public void handlerAdded(Object codec, Object ctx) {
    ChannelHandlerContext context = (ChannelHandlerContext) ctx;
    ChannelPipeline pipeline = context.pipeline();
    if (pipeline.get(NAME) == null) {
      pipeline.addAfter(context.name(), NAME, new LlmExchanges(tracking));
    }
  }
}
