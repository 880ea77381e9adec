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
 * Apache HttpClient 5 classic: every {@code execute}/{@code executeOpen} overload of
 * {@code CloseableHttpClient} funnels into {@code doExecute(HttpHost, ClassicHttpRequest,
 * HttpContext)}, implemented by {@code InternalHttpClient} (the builder's client) and
 * {@code MinimalHttpClient} ({@code HttpClients.createMinimal()}); 5.0 to 5.6.
 */
public final class ApacheClassicInstrumentation implements TypeInstrumentation {
  private final String typeName;

  private ApacheClassicInstrumentation(String typeName) {
    this.typeName = typeName;
  }

  public static List<TypeInstrumentation> all() {
    String pkg = "org.apache.hc.client5.http.impl.classic.";
    return List.of(
        new ApacheClassicInstrumentation(pkg + "InternalHttpClient"),
        new ApacheClassicInstrumentation(pkg + "MinimalHttpClient"));
  }

  @Override
  public String typeName() {
    return typeName;
  }

  @Override
  public ElementMatcher<? super MethodDescription> methods() {
    return named("doExecute").and(takesArguments(3)).and(not(isAbstract()));
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

    /** A guard rail's refusal skips the call; the exit throws its reason instead. */
    @Advice.OnMethodEnter(suppress = Throwable.class, skipOn = CallRejected.class)
    public static Object enter(
        @Advice.This Object client,
        @Advice.Argument(0) Object target,
        @Advice.Argument(1) Object request) {
      return ApacheHttpHooks.classicStart(client, target, request);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
        @Advice.This Object client,
        @Advice.Enter Object exchange,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object response,
        @Advice.Thrown(readOnly = false) Throwable thrown) {
      if (exchange instanceof CallRejected) {
        thrown = ((CallRejected) exchange).reason();
      } else if (exchange != null) {
        response = ApacheHttpHooks.classicEnd(client, exchange, response, thrown);
      }
    }
  }
}
