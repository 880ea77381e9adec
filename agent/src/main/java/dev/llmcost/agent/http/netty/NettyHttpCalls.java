package dev.llmcost.agent.http.netty;

import dev.llmcost.agent.http.HelperInstances;
import dev.llmcost.bootstrap.CallTracking;
import dev.llmcost.bootstrap.NettyHooks;
import java.util.List;

/**
 * The agent's side of {@link NettyHooks}: for an HTTP/1.1 client codec, hands the pipeline to the
 * helper defined next to the Netty the codec was loaded from (see {@code helpers}), so the agent
 * itself never links against the application's copy.
 */
public final class NettyHttpCalls implements NettyHooks.Impl {
  private static final String HELPERS = "dev.llmcost.agent.http.netty.helpers.";
  private static final String BODY_COPIES = "dev.llmcost.agent.http.body.";

  private final HelperInstances<NettyHooks.Impl> helpers;

  public NettyHttpCalls(CallTracking tracking) {
    this.helpers = new HelperInstances<>(NettyHooks.Impl.class, HELPERS + "NettyPipelines",
        List.of(HELPERS, BODY_COPIES), CallTracking.class, tracking, (codec, ctx) -> { });
  }

  @Override
  public void handlerAdded(Object codec, Object ctx) {
    String name = codec.getClass().getName();
    // any other handler: nothing
    if (name.equals(NettyHooks.CLIENT_CODEC) || name.equals(NettyHooks.STREAM_CODEC)) {
      helpers.forInstance(codec).handlerAdded(codec, ctx);
    }
  }
}
