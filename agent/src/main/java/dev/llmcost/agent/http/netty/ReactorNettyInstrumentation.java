package dev.llmcost.agent.http.netty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.llmcost.agent.http.TypeInstrumentation;
import dev.llmcost.bootstrap.ReactorNettyHooks;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Reactor Netty's HTTP client (1.x): where the application subscribes to a request
 * ({@code HttpClientConnect$MonoHttpConnect.subscribe}, on the application's thread) and where the
 * client starts writing it ({@code HttpClientConnect$HttpClientHandler.requestWithBody}, on the
 * event loop). The call itself is seen by {@link NettyInstrumentation}; these only tell it where
 * the application asked for it.
 */
public final class ReactorNettyInstrumentation implements TypeInstrumentation {
  private static final String CONNECT = "reactor.netty.http.client.HttpClientConnect$";

  private final String typeName;
  private final String method;
  private final Class<?> advice;

  private ReactorNettyInstrumentation(String typeName, String method, Class<?> advice) {
    this.typeName = typeName;
    this.method = method;
    this.advice = advice;
  }

  public static List<TypeInstrumentation> all() {
    return List.of(
        new ReactorNettyInstrumentation(CONNECT + "MonoHttpConnect", "subscribe", SubscribeAdvice.class),
        new ReactorNettyInstrumentation(CONNECT + "HttpClientHandler", "requestWithBody",
            RequestWithBodyAdvice.class));
  }

  @Override
  public String typeName() {
    return typeName;
  }

  @Override
  public ElementMatcher<? super MethodDescription> methods() {
    return named(method).and(takesArguments(1));
  }

  @Override
  public Class<?> adviceClass() {
    return advice;
  }

  @Override
  public Class<?>[] bootstrapHooks() {
    return new Class<?>[] {ReactorNettyHooks.class};
  }

  /** Inlined into the client: a call to the bootstrap hook, nothing else. */
  public static final class SubscribeAdvice {
    private SubscribeAdvice() {}

    /**
     * A hard budget's refusal, or a wait for a concurrency slot, skips the subscribe (a non-null
     * return); the exit does what replaces it.
     */
    @Advice.OnMethodEnter(suppress = Throwable.class, skipOn = Advice.OnNonDefaultValue.class)
    public static Object enter(@Advice.FieldValue("config") Object config,
        @Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object subscriber) {
      Object decision = ReactorNettyHooks.subscribing(config, subscriber);
      if (ReactorNettyHooks.replacesSubscribe(decision)) {
        return decision;
      }
      subscriber = decision;
      return null;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object decision, @Advice.This Object mono,
        @Advice.Argument(value = 0, typing = Assigner.Typing.DYNAMIC) Object subscriber) {
      if (decision != null) {
        ReactorNettyHooks.insteadOfSubscribe(mono, subscriber, decision);
      }
    }
  }

  /** Inlined into the client: a call to the bootstrap hook, nothing else. */
  public static final class RequestWithBodyAdvice {
    private RequestWithBodyAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) Object operations) {
      ReactorNettyHooks.sending(operations);
    }
  }
}
