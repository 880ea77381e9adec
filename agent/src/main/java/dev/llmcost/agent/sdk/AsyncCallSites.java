package dev.llmcost.agent.sdk;

import dev.llmcost.agent.call.CallSite;
import dev.llmcost.agent.call.CallSites;
import dev.llmcost.bootstrap.SdkHooks;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * The agent's side of {@link SdkHooks}. The SDKs build a request on the application's thread and
 * may send it from another (openai-java 4, anthropic-java 3: after a {@code thenComposeAsync}; any
 * version: async retries). The request's body object travels from one to the other, so the
 * application frame is remembered against it, weakly, and carried to the sending thread. A body
 * the SDK wraps while a site is carried (anthropic-java 3 does, before each attempt) is remembered
 * with the same site.
 */
public final class AsyncCallSites implements SdkHooks.Impl {
  private final CallSites callSites;
  private final Map<Object, CallSite> byBody = Collections.synchronizedMap(new WeakHashMap<>());

  /** {@code HttpRequest.body()}: the body, or an Optional of it (anthropic-java 3). */
  private static final ClassValue<MethodHandle> BODY = new ClassValue<>() {
    @Override
    protected MethodHandle computeValue(Class<?> request) {
      try {
        return MethodHandles.publicLookup().findVirtual(request, "body",
            MethodType.methodType(request.getMethod("body").getReturnType()));
      } catch (ReflectiveOperationException e) {
        return null;
      }
    }
  };

  public AsyncCallSites(CallSites callSites) {
    this.callSites = callSites;
  }

  @Override
  public void requestBuilt(Object request) {
    Object body = bodyOf(request);
    if (body == null) {
      return; // no body, no LLM call: not worth a stack walk
    }
    CallSite site = callSites.current();
    if (site != null) {
      byBody.put(body, site);
    }
  }

  @Override
  public Object sending(Object request) {
    Object body = bodyOf(request);
    CallSite site = body != null ? byBody.get(body) : null;
    if (site == null) {
      return null;
    }
    Carried previous = new Carried(callSites.carried());
    callSites.carry(site);
    return previous;
  }

  @Override
  public void sent(Object token) {
    CallSite previous = ((Carried) token).site;
    if (previous != null) {
      callSites.carry(previous);
    } else {
      callSites.stopCarrying();
    }
  }

  /** The site carried before a send began (sends nest: retrying client, then OkHttp client). */
  private record Carried(CallSite site) {}

  /** Bodies remembered and not yet collected (for tests). */
  int remembered() {
    return byBody.size();
  }

  private static Object bodyOf(Object request) {
    MethodHandle body = BODY.get(request.getClass());
    if (body == null) {
      return null;
    }
    try {
      Object value = body.invoke(request);
      return value instanceof Optional<?> optional ? optional.orElse(null) : value;
    } catch (Throwable t) {
      return null;
    }
  }
}
