package dev.llmcost.agent.http.netty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.llmcost.agent.http.TypeInstrumentation;
import dev.llmcost.bootstrap.NettyHooks;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Netty 4.1/4.2 HTTP clients (Reactor Netty under Spring's WebClient, Vert.x, any other client
 * built on Netty's codecs): when a codec joins a channel's pipeline, the agent adds its handler
 * right after it, where every request and response passes as HTTP objects. HTTP/1.1:
 * {@code HttpClientCodec}, through {@code CombinedChannelDuplexHandler.handlerAdded}, which it
 * inherits; HTTP/2: {@code Http2StreamFrameToHttpObjectCodec}, one per stream (Reactor Netty's).
 */
public final class NettyInstrumentation implements TypeInstrumentation {
  private final String typeName;

  private NettyInstrumentation(String typeName) {
    this.typeName = typeName;
  }

  public static List<TypeInstrumentation> all() {
    return List.of(new NettyInstrumentation("io.netty.channel.CombinedChannelDuplexHandler"),
        new NettyInstrumentation(NettyHooks.STREAM_CODEC));
  }

  @Override
  public String typeName() {
    return typeName;
  }

  @Override
  public ElementMatcher<? super MethodDescription> methods() {
    return named("handlerAdded").and(takesArguments(1));
  }

  @Override
  public Class<?> adviceClass() {
    return HandlerAddedAdvice.class;
  }

  @Override
  public Class<?>[] bootstrapHooks() {
    return new Class<?>[] {NettyHooks.class};
  }

  /** Inlined into Netty: a call to the bootstrap hook, nothing else. */
  public static final class HandlerAddedAdvice {
    private HandlerAddedAdvice() {}

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.This Object codec, @Advice.Argument(0) Object ctx,
        @Advice.Thrown Throwable thrown) {
      if (thrown == null) {
        NettyHooks.handlerAdded(codec, ctx);
      }
    }
  }
}
