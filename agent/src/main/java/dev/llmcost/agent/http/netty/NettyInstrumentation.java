package dev.llmcost.agent.http.netty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.llmcost.agent.http.TypeInstrumentation;
import dev.llmcost.bootstrap.NettyHooks;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Netty 4.1/4.2 HTTP/1.1 clients (Reactor Netty under Spring's WebClient, and any other client
 * built on {@code HttpClientCodec}): when the codec joins a channel's pipeline
 * ({@code CombinedChannelDuplexHandler.handlerAdded}, which the codec inherits), the agent adds its
 * handler right after it, where every request and response passes as HTTP objects.
 */
public final class NettyInstrumentation implements TypeInstrumentation {
  @Override
  public String typeName() {
    return "io.netty.channel.CombinedChannelDuplexHandler";
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
