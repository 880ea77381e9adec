package dev.llmcost.agent.http.apache;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.llmcost.agent.http.TypeInstrumentation;
import dev.llmcost.bootstrap.ApacheHttpHooks;
import dev.llmcost.bootstrap.CallRejected;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Apache HttpClient 5 async: every {@code execute} overload of {@code CloseableHttpAsyncClient}
 * funnels into {@code doExecute(HttpHost, AsyncRequestProducer, AsyncResponseConsumer,
 * HandlerFactory, HttpContext, FutureCallback)}, implemented by
 * {@code InternalAbstractHttpAsyncClient} (HTTP/1.1 and HTTP/2 builder clients) and
 * {@code AbstractMinimalHttpAsyncClientBase} (the minimal ones); 5.0 to 5.6.
 */
public final class ApacheAsyncInstrumentation implements TypeInstrumentation {
  private final String typeName;

  private ApacheAsyncInstrumentation(String typeName) {
    this.typeName = typeName;
  }

  public static List<TypeInstrumentation> all() {
    String pkg = "org.apache.hc.client5.http.impl.async.";
    return List.of(
        new ApacheAsyncInstrumentation(pkg + "InternalAbstractHttpAsyncClient"),
        new ApacheAsyncInstrumentation(pkg + "AbstractMinimalHttpAsyncClientBase"));
  }

  @Override
  public String typeName() {
    return typeName;
  }

  @Override
  public ElementMatcher<? super MethodDescription> methods() {
    return named("doExecute").and(takesArguments(6)).and(not(isAbstract()));
  }

  @Override
  public Class<?> adviceClass() {
    return DoExecuteAdvice.class;
  }

  @Override
  public Class<?>[] bootstrapHooks() {
    return new Class<?>[] {ApacheHttpHooks.class};
  }

  /** Inlined into the client: calls to the bootstrap hooks, nothing else. */
  public static final class DoExecuteAdvice {
    private DoExecuteAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class, skipOn = CallRejected.class)
    public static Object enter(
        @Advice.This Object client,
        @Advice.Argument(0) Object target,
        @Advice.Argument(1) Object producer,
        @Advice.Argument(value = 2, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object consumer,
        @Advice.Argument(value = 5, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object callback) {
      Object exchange = ApacheHttpHooks.asyncStart(client, target, producer);
      if (exchange != null && !(exchange instanceof CallRejected)) {
        consumer = ApacheHttpHooks.asyncConsumer(client, exchange, consumer);
        callback = ApacheHttpHooks.asyncCallback(client, exchange, callback);
      }
      return exchange;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
        @Advice.This Object client,
        @Advice.Enter Object exchange,
        @Advice.Argument(value = 5, typing = Assigner.Typing.DYNAMIC) Object callback,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object future,
        @Advice.Thrown Throwable thrown) {
      if (exchange instanceof CallRejected) {
        // a guard rail refused the call: nothing was sent; a failed future, the callback failed
        future = ApacheHttpHooks.asyncRefused(client, exchange, callback);
      } else if (exchange != null) {
        future = ApacheHttpHooks.asyncEnd(client, exchange, future, thrown);
      }
    }
  }
}
