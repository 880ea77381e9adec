package dev.llmcost.agent.call;

import dev.llmcost.agent.AgentLog;
import dev.llmcost.agent.content.ContentCapture;
import dev.llmcost.agent.context.ApplicationContext;
import dev.llmcost.agent.context.TraceParent;
import dev.llmcost.agent.guard.Guards;
import dev.llmcost.agent.guard.Permit;
import dev.llmcost.agent.provider.Api;
import dev.llmcost.agent.provider.ChatLayout;
import dev.llmcost.agent.provider.Endpoint;
import dev.llmcost.agent.provider.Endpoints;
import dev.llmcost.agent.provider.GeminiCodec;
import dev.llmcost.agent.provider.OpenAiCodec;
import dev.llmcost.agent.provider.PromptMessages;
import dev.llmcost.agent.provider.PromptTokens;
import dev.llmcost.agent.provider.RequestInfo;
import dev.llmcost.agent.provider.ResponseParser;
import dev.llmcost.agent.usage.TokenCountingThread;
import dev.llmcost.agent.usage.TokenEstimator;
import dev.llmcost.bootstrap.LlmGuardException;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What every transport asks: is this request an LLM call, and if so, track it. Transports know
 * connections and bytes; this class knows which codec reads them and where a call is reported.
 */
public final class CallTracker {
  private final Endpoints endpoints;
  private final CallSink sink;
  private final CallSites callSites;
  private final AbandonWatcher abandonWatcher;
  private final TaskFutures taskFutures;
  private final int maxRequestBytes;
  private final boolean cancelAbandoned;
  private final ApplicationContext applicationContext;
  private final Guards guards;
  /** Null unless the user turned content capture on. */
  private final ContentCapture contentCapture;
  private final TrackingSwitch trackingSwitch;
  private final ThreadLocal<SharedResult> carriedResult = new ThreadLocal<>();
  /** Set while a client's event loop starts a call ({@link #startOnEventLoop}). */
  private final ThreadLocal<Origin> eventLoopOrigin = new ThreadLocal<>();
  /** The count of the last call started on this thread, which the next one waits for. */
  private final ThreadLocal<PendingCount> lastCount = new ThreadLocal<>();

  public CallTracker(Endpoints endpoints, CallSink sink, CallSites callSites,
      AbandonWatcher abandonWatcher, int maxRequestBytes, boolean cancelAbandoned,
      ApplicationContext applicationContext) {
    this(endpoints, sink, callSites, abandonWatcher, maxRequestBytes, cancelAbandoned,
        applicationContext, Guards.OFF, null, new TrackingSwitch());
  }

  /** @param contentCapture null to keep prompt and completion text off the spans */
  public CallTracker(Endpoints endpoints, CallSink sink, CallSites callSites,
      AbandonWatcher abandonWatcher, int maxRequestBytes, boolean cancelAbandoned,
      ApplicationContext applicationContext, Guards guards, ContentCapture contentCapture,
      TrackingSwitch trackingSwitch) {
    this.guards = guards;
    this.trackingSwitch = trackingSwitch;
    this.contentCapture = contentCapture;
    this.applicationContext = applicationContext;
    this.cancelAbandoned = cancelAbandoned;
    this.endpoints = endpoints;
    this.sink = sink;
    this.callSites = callSites;
    this.abandonWatcher = abandonWatcher;
    this.taskFutures = new TaskFutures(abandonWatcher);
    this.maxRequestBytes = maxRequestBytes;
  }

  /** True while an operator has paused tracking ({@link TrackingSwitch}). */
  public boolean isPaused() {
    return trackingSwitch.isPaused();
  }

  /** The cheap check every HTTP request pays: null when it is not an LLM call. */
  public Endpoint match(String method, String scheme, String host, int port, String path) {
    // Every generation and embedding API is a POST; a GET may fetch a batch's results.
    if (host == null || path == null || trackingSwitch.isPaused()) {
      return null;
    }
    if ("POST".equals(method)) {
      return endpoints.match(scheme, host, port, path);
    }
    return "GET".equals(method) ? endpoints.matchBatchResults(host, path) : null;
  }

  /**
   * Starts tracking a call, or returns null when the body shows that a path-only match is not an
   * LLM request after all.
   *
   * @param body the request body as far as it could be read, or null when it could not be
   */
  public LlmCall start(Endpoint endpoint, String host, int port, String path, byte[] body,
      boolean synchronous) {
    try {
      return start(endpoint, host, port, path, body, synchronous, false);
    } catch (LlmGuardException cannotHappen) {
      return null;
    }
  }

  /**
   * The hard budgets a call to this endpoint from this thread would face now, without starting it.
   *
   * @throws LlmGuardException a call must not be sent
   */
  public void checkBudget(Endpoint endpoint) throws LlmGuardException {
    awaitPreviousCount();
    TraceParent parent = applicationContext.current();
    guards.checkBudget(endpoint.provider(), CallTags.ofCurrentThread().tags(),
        parent != null ? parent.baggage() : Map.of());
  }

  /**
   * As {@link #start(Endpoint, String, int, String, byte[], boolean)}, first passing the
   * guard rails: may wait for a concurrency slot, on this thread.
   *
   * @param canRefuse whether the transport can fail the call before sending it
   * @throws LlmGuardException the call must not be sent
   */
  public LlmCall start(Endpoint endpoint, String host, int port, String path, byte[] body,
      boolean synchronous, boolean canRefuse) throws LlmGuardException {
    awaitPreviousCount();
    RequestInfo request = readRequest(endpoint, path, body);
    if (request == null) {
      return null;
    }
    LlmCall call = open(endpoint, host, port, synchronous, request.model(), canRefuse, true);
    call.setRequest(request);
    call.setRequestFingerprint(RequestFingerprint.of(body));
    return call;
  }

  /**
   * Whether a transport may start calls with {@link #startUndescribed}: not when guard rails are
   * on, whose concurrency limits need the request's model before it is sent.
   */
  public boolean describesLater() {
    return !guards.needSpendFirst();
  }

  /**
   * As {@link #start(Endpoint, String, int, String, byte[], boolean, boolean)}, leaving the request
   * body and the call site to {@link #describe}, which the transport runs on this thread once the
   * request is on its way: reading them (microseconds) then overlaps the wait for the answer
   * instead of adding to it. The call does not settle before it is described.
   */
  public LlmCall startUndescribed(Endpoint endpoint, String host, int port, boolean synchronous,
      boolean canRefuse) throws LlmGuardException {
    awaitPreviousCount();
    return open(endpoint, host, port, synchronous, null, canRefuse, false);
  }

  /**
   * Reads what {@link #startUndescribed} left for later, on the thread that started the call.
   * Never throws.
   *
   * @param body the request body as far as it could be read, or null when it could not be
   * @return false when the body shows that a path-only match is no LLM call: the call is dropped
   */
  public boolean describe(LlmCall call, String path, byte[] body) {
    RequestInfo request = RequestInfo.UNKNOWN;
    CallSite site = null;
    long fingerprint = 0;
    try {
      RequestInfo read = readRequest(call.endpoint(), path, body);
      if (read == null) {
        call.discard();
        return false;
      }
      request = read;
      site = callSites.current();
      fingerprint = RequestFingerprint.of(body);
    } catch (Throwable t) {
      AgentLog.failure("reading a request", t);
    }
    call.describe(site, request, fingerprint); // settles a call that ended meanwhile
    return true;
  }

  /** What the request says, or null when a path-only match turns out not to be an LLM request. */
  private RequestInfo readRequest(Endpoint endpoint, String path, byte[] body) {
    RequestInfo request = body == null && !endpoint.api().isBatchResults() ? RequestInfo.UNKNOWN
        : Endpoints.codecFor(endpoint.api()).readRequest(body, body == null ? 0 : body.length);
    if (!endpoint.knownHost() && !request.plausible()) {
      if (body != null && body.length >= maxRequestBytes) {
        // cut before its model: this may well be an LLM call, and nothing else would say why it is missing
        AgentLog.warnOnce("request.max_bytes", "a request to " + path + " was read only up to "
            + "llmcost.request.max_bytes (" + maxRequestBytes + " bytes), which did not show whether "
            + "it is an LLM call: it is not tracked. Raise llmcost.request.max_bytes to track such calls");
      }
      return null;
    }
    if (request.model() == null) {
      // Gemini names the model in the path; an Azure OpenAI body may name none, and the
      // deployment stands in (the answer names the model, which is what is priced)
      String fromPath = endpoint.api().isGemini() ? GeminiCodec.modelFromPath(path)
          : OpenAiCodec.deploymentFromPath(path);
      if (fromPath != null) {
        request = request.withModel(fromPath);
      }
    }
    if (Boolean.TRUE.equals(request.stream()) && !request.includeUsage()
        && (endpoint.api() == Api.OPENAI_CHAT_COMPLETIONS
            || endpoint.api() == Api.OPENAI_COMPLETIONS)) {
      TokenEstimator.prepareFor(request.model()); // no usage will come: an estimate will be needed
      request = countPromptAhead(request);
    }
    if (contentCapture != null && body != null) {
      request = request.withInputMessages(
          contentCapture.inputMessages(PromptMessages.read(endpoint.api(), body)));
    }
    return request;
  }

  /**
   * Counts the prompt's tokens on the agent's counting thread while the answer is awaited: the
   * estimate at the stream's end, on the thread that reads it (often the application's), then
   * counts only the output (a chat prompt of a few thousand tokens takes a millisecond or more).
   */
  private static RequestInfo countPromptAhead(RequestInfo request) {
    String model = request.model();
    String text = request.promptText();
    if (model == null || text == null || text.isEmpty()) {
      return request;
    }
    PromptTokens counted = new PromptTokens();
    ChatLayout layout = request.layout();
    boolean offered = TokenCountingThread.offer(() -> {
      try {
        counted.set(TokenEstimator.countPrompt(model, text, layout));
      } catch (RuntimeException e) {
        AgentLog.failure("counting a prompt ahead", e);
      }
    });
    return offered ? request.withPromptTokens(counted) : request;
  }

  /** Passes the guard rails and creates the call, known from now on to the exit and the reports. */
  private LlmCall open(Endpoint endpoint, String host, int port, boolean synchronous, String model,
      boolean canRefuse, boolean describeNow) throws LlmGuardException {
    Origin onEventLoop = eventLoopOrigin.get();
    CallTags tags = onEventLoop != null ? onEventLoop.tags() : CallTags.ofCurrentThread();
    TraceParent parent = onEventLoop != null ? onEventLoop.parent() : applicationContext.current();
    Map<String, String> baggage = parent != null ? parent.baggage() : Map.of();
    Permit permit = onEventLoop != null ? admitOnEventLoop(onEventLoop, endpoint, tags, baggage)
        : guards.admit(endpoint.provider(), model, tags.tags(), baggage, canRefuse);
    LlmCall call;
    try {
      CallSite site = onEventLoop != null ? onEventLoop.site()
          : describeNow ? callSites.current() : null;
      call = new LlmCall(endpoint, host, port, synchronous, site, sink, cancelAbandoned, !describeNow);
    } catch (RuntimeException | Error e) {
      permit.release();
      throw e;
    }
    lastCount.set(call.pendingCount());
    call.setPermit(permit);
    call.setParent(parent);
    call.setTags(tags);
    SharedResult forSdkFuture = carriedResult.get();
    SharedResult forTask = forSdkFuture == null && synchronous && onEventLoop == null
        ? taskFutures.forCurrentTask() : null; // a call inside a task: its future holds the result
    if (forSdkFuture != null) {
      call.joinSharedResult(forSdkFuture, true);
    } else if (forTask != null) {
      call.joinSharedResult(forTask, false);
    }
    return call;
  }

  /**
   * A call started on an event loop takes the concurrency slot its origin holds (taken where the
   * application asked for it), else none: the loop must not wait. The budgets are looked at again,
   * and an excess only logged.
   */
  private Permit admitOnEventLoop(Origin origin, Endpoint endpoint, CallTags tags,
      Map<String, String> baggage) {
    Permit none = guards.admitWithoutWaiting(endpoint.provider(), tags.tags(), baggage);
    return origin.permit().claim() ? origin.permit() : none;
  }

  /**
   * Where a call comes from, read on the application's thread when another thread (an event loop
   * of the client's) will send it: its call site, the thread's name and tags, its trace context,
   * and the concurrency slot taken for it, if any ({@link #withSlot}).
   */
  public record Origin(CallSite site, CallTags tags, TraceParent parent, Permit permit) {
    public Origin(CallSite site, CallTags tags, TraceParent parent) {
      this(site, tags, parent, Permit.NONE);
    }

    Origin holding(Permit slot) {
      return new Origin(site, tags, parent, slot);
    }
  }

  /** This thread's {@link Origin}, for a call some other thread will send. */
  public Origin origin() {
    return new Origin(callSites.current(), CallTags.ofCurrentThread(), applicationContext.current());
  }

  /**
   * {@code origin} holding the concurrency slot its call needs, taken now in turn; {@code origin}
   * itself when no limit applies; null when the call must wait for one ({@link #awaitSlot}).
   */
  public Origin withSlot(Origin origin, Endpoint endpoint) {
    Permit slot = guards.tryAdmitNow(endpoint.provider());
    return slot == null ? null : slot == Permit.NONE ? origin : origin.holding(slot);
  }

  /**
   * Waits on an agent thread for the slot {@code origin}'s call needs: {@code granted} then gets
   * the origin holding it, or {@code refused} the refusal of a wait too long. Returns what cancels
   * the wait.
   */
  public Runnable awaitSlot(Origin origin, Endpoint endpoint, Consumer<Origin> granted,
      Consumer<LlmGuardException> refused) {
    return guards.admitLater(endpoint.provider(), slot -> granted.accept(origin.holding(slot)),
        refused);
  }

  /** A request that will not be sent after all: the slot its origin holds, unless claimed, is freed. */
  public void release(Origin origin) {
    if (origin.permit().claim()) {
      origin.permit().release();
    }
  }

  /** The origin of a call whose client did not say where the application asked for it. */
  private static final Origin UNKNOWN_ORIGIN = new Origin(null, CallTags.NONE, null);

  /**
   * As {@link #start(Endpoint, String, int, String, byte[], boolean)}, on a client's event loop
   * (Netty), a thread that serves every connection the client owns: the call is described by
   * {@code origin} (null: nothing is known of it; the loop's own name says nothing of the
   * application), and never waits for a concurrency slot nor is refused, for a loop must not block.
   */
  public LlmCall startOnEventLoop(Origin origin, Endpoint endpoint, String host, int port,
      String path, byte[] body) {
    eventLoopOrigin.set(origin != null ? origin : UNKNOWN_ORIGIN);
    try {
      return start(endpoint, host, port, path, body, false);
    } finally {
      eventLoopOrigin.remove();
    }
  }

  /**
   * The previous call started on this thread may have been handed to the application before the
   * agent counted it: its count comes first (spend, duplicates and retries are judged in order).
   */
  private void awaitPreviousCount() {
    PendingCount previous = lastCount.get();
    if (previous != null) {
      previous.await();
    }
  }

  /**
   * Whether a call's spend must be counted before the application continues (a hard budget, a
   * concurrency limit: a call from another thread, or from a callback, may depend on it), so a
   * transport counts the call before handing the body over rather than after.
   */
  public boolean guardsNeedSpendFirst() {
    return guards.needSpendFirst();
  }

  /**
   * Calls started on this thread from now on feed this result (an SDK's future), which learns
   * whether the application reads it; null stops.
   */
  public void carryResult(SharedResult result) {
    if (result == null) {
      carriedResult.remove();
    } else {
      carriedResult.set(result);
    }
  }

  public SharedResult carriedResult() {
    return carriedResult.get();
  }

  public static boolean isEventStream(String contentType) {
    return contentType != null && contentType.regionMatches(true, 0, "text/event-stream", 0, 17);
  }

  public ResponseParser newParser(LlmCall call, String contentType, String contentEncoding) {
    boolean sse = isEventStream(contentType);
    return Endpoints.codecFor(call.endpoint().api())
        .newResponseParser(sse, contentEncoding, contentCapture != null);
  }

  public AbandonWatcher abandonWatcher() {
    return abandonWatcher;
  }

  /** What the futures of executor tasks tell the calls made inside them. */
  public TaskFutures taskFutures() {
    return taskFutures;
  }

  public int maxRequestBytes() {
    return maxRequestBytes;
  }
}
