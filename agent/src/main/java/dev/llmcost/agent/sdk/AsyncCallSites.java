package dev.llmcost.agent.sdk;

import dev.llmcost.agent.call.CallSite;
import dev.llmcost.agent.call.CallTags;
import dev.llmcost.agent.call.CallSites;
import dev.llmcost.agent.call.CallTracker;
import dev.llmcost.agent.call.ObservedFuture;
import dev.llmcost.agent.call.SharedResult;
import dev.llmcost.bootstrap.SdkHooks;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;

/**
 * The agent's side of {@link SdkHooks}. The SDKs build a request on the application's thread and
 * may send it from another (openai-java 4, anthropic-java 3: after a {@code thenComposeAsync}; any
 * version: async retries). The request's body object travels from one to the other, so the
 * application frame is remembered against it, weakly, and carried to the sending thread. A body
 * the SDK wraps while a site is carried (anthropic-java 3 does, before each attempt) is remembered
 * with the same site. The application's tags ({@code LlmCost.tag}) travel the same way.
 *
 * <p>The future an SDK's async method returns is how the application reads the result, whatever
 * the SDK itself reads on its threads: it is handed over as an {@link ObservedFuture} over a
 * {@link SharedResult}, which travels with the body like the site and which every HTTP call made
 * for it (each attempt) joins.
 */
public final class AsyncCallSites implements SdkHooks.Impl {
  private final CallSites callSites;
  private final CallTracker tracker;
  private final Map<Object, Origin> byBody = Collections.synchronizedMap(new WeakHashMap<>());
  /** The result of the SDK async method running on this thread, while it builds its request. */
  private final ThreadLocal<SharedResult> starting = new ThreadLocal<>();

  /** Where a request came from: the application line, its tags, and the result it feeds (or null). */
  private record Origin(CallSite site, SharedResult result, CallTags tags) {}

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

  /** Carries call sites only (no results: for tests). */
  public AsyncCallSites(CallSites callSites) {
    this(callSites, null);
  }

  public AsyncCallSites(CallSites callSites, CallTracker tracker) {
    this.callSites = callSites;
    this.tracker = tracker;
  }

  @Override
  public void requestBuilt(Object request) {
    if (tracker != null && tracker.isPaused()) {
      return; // its HTTP call will not be tracked either
    }
    Object body = bodyOf(request);
    if (body == null) {
      return; // no body, no LLM call: not worth a stack walk
    }
    CallSite site = callSites.current();
    SharedResult result = starting.get();
    if (result == null && tracker != null) {
      result = tracker.carriedResult(); // a body the SDK wraps before an attempt
    }
    CallTags tags = CallTags.ofCurrentThread(); // the application's thread: its name and tags
    if (site != null || result != null || !tags.tags().isEmpty()) {
      byBody.put(body, new Origin(site, result, tags));
    }
  }

  @Override
  public Object sending(Object request) {
    Object body = bodyOf(request);
    Origin origin = body != null ? byBody.get(body) : null;
    if (origin == null) {
      return null;
    }
    Carried previous = new Carried(callSites.carried(),
        tracker != null ? tracker.carriedResult() : null, CallTags.carried());
    if (origin.site != null) {
      callSites.carry(origin.site);
    }
    if (tracker != null && origin.result != null) {
      tracker.carryResult(origin.result);
    }
    CallTags.carry(origin.tags);
    return previous;
  }

  @Override
  public void sent(Object token) {
    Carried previous = (Carried) token;
    if (previous.site != null) {
      callSites.carry(previous.site);
    } else {
      callSites.stopCarrying();
    }
    if (tracker != null) {
      tracker.carryResult(previous.result);
    }
    CallTags.carry(previous.tags);
  }

  @Override
  public Object asyncCallStarting() {
    if (tracker == null || starting.get() != null || tracker.isPaused()) {
      return null; // an async method calling another: the outer one hands the future over
    }
    SharedResult result = new SharedResult();
    starting.set(result);
    // An SDK that sends from this thread (Google Gen AI) has its HTTP call join the result here.
    SharedResult carriedBefore = tracker.carriedResult();
    tracker.carryResult(result);
    return new Starting(result, carriedBefore);
  }

  @Override
  public Object asyncCallReturned(Object token, Object future) {
    starting.remove();
    Starting started = (Starting) token;
    tracker.carryResult(started.carriedBefore);
    if (!(future instanceof CompletableFuture<?> f)) {
      return future;
    }
    return ObservedFuture.mirror(f, started.result, tracker.abandonWatcher());
  }

  /** An SDK async method under way: its result, and the result carried on its thread before. */
  private record Starting(SharedResult result, SharedResult carriedBefore) {}

  /** What was carried before a send began (sends nest: retrying client, then OkHttp client). */
  private record Carried(CallSite site, SharedResult result, CallTags tags) {}

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
