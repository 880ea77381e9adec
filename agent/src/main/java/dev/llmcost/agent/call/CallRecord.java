package dev.llmcost.agent.call;

import dev.llmcost.agent.context.TraceParent;
import dev.llmcost.agent.provider.Endpoint;
import dev.llmcost.agent.provider.RequestInfo;
import dev.llmcost.agent.provider.ResponseInfo;

/**
 * Everything known about a settled call, before usage is resolved and priced.
 *
 * @param response null when no response headers arrived
 * @param error the transport failure, or null
 * @param timeToFirstChunkNanos -1 when no body byte arrived
 * @param callSite null when not determined
 * @param parent the application's span current when the call started, or null
 * @param requestFingerprint hash of the request body, 0 when the body could not be read
 * @param tags the starting thread's name and the application's tags
 * @param guardWaitNanos time spent waiting for a concurrency slot, -1 when no limit applied
 */
public record CallRecord(
    Endpoint endpoint,
    String serverAddress,
    int serverPort,
    RequestInfo request,
    ResponseInfo response,
    int statusCode,
    Throwable error,
    Outcome outcome,
    long startEpochNanos,
    long endEpochNanos,
    long timeToFirstChunkNanos,
    CallSite callSite,
    TraceParent parent,
    long requestFingerprint,
    CallTags tags,
    long guardWaitNanos) {

  public CallRecord(Endpoint endpoint, String serverAddress, int serverPort, RequestInfo request,
      ResponseInfo response, int statusCode, Throwable error, Outcome outcome, long startEpochNanos,
      long endEpochNanos, long timeToFirstChunkNanos, CallSite callSite, TraceParent parent,
      long requestFingerprint) {
    this(endpoint, serverAddress, serverPort, request, response, statusCode, error, outcome,
        startEpochNanos, endEpochNanos, timeToFirstChunkNanos, callSite, parent, requestFingerprint,
        CallTags.NONE, -1);
  }

  /** Request model, else the response's. */
  public String model() {
    if (request.model() != null) {
      return request.model();
    }
    return response != null ? response.model : null;
  }

  public boolean streamed() {
    return streamed(endpoint, request);
  }

  /** The answer comes as a stream: the request asked for one, or the endpoint always streams. */
  static boolean streamed(Endpoint endpoint, RequestInfo request) {
    return Boolean.TRUE.equals(request.stream())
        || endpoint.api() == dev.llmcost.agent.provider.Api.GEMINI_STREAM_GENERATE_CONTENT;
  }
}
