package dev.llmcost.agent.http.jdk;

import dev.llmcost.agent.AgentLog;
import dev.llmcost.agent.call.CallTracker;
import dev.llmcost.agent.call.LlmCall;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.ResponseInfo;

/** Wraps the application's handler so the body it subscribes to is observed on its way. */
final class TeeingBodyHandler<T> implements BodyHandler<T> {
  private final BodyHandler<T> delegate;
  private final LlmCall call;
  private final CallTracker tracker;
  private final ResponseFutureUse futureUse;

  TeeingBodyHandler(BodyHandler<T> delegate, LlmCall call, CallTracker tracker,
      ResponseFutureUse futureUse) {
    this.delegate = delegate;
    this.call = call;
    this.tracker = tracker;
    this.futureUse = futureUse;
  }

  @Override
  public BodySubscriber<T> apply(ResponseInfo info) {
    BodySubscriber<T> subscriber;
    try {
      subscriber = delegate.apply(info);
    } catch (RuntimeException | Error e) {
      futureUse.futureDecides();
      throw e;
    }
    try {
      if (!InputStreamSubscribers.mayHandOutInputStream(subscriber)) {
        futureUse.futureDecides(); // now, before the body can end and the call settle
      }
      String contentType = info.headers().firstValue("content-type").orElse(null);
      call.onResponseHeaders(info.statusCode(), tracker.newParser(call, contentType,
          info.headers().firstValue("content-encoding").orElse(null)));
      return new TeeingBodySubscriber<>(subscriber, call,
          CallbackSubscribers.handsBodyToApplication(subscriber),
          CallTracker.isEventStream(contentType) || call.streamed(),
          !tracker.guardsNeedSpendFirst(), info.statusCode() >= 400, futureUse,
          tracker.abandonWatcher());
    } catch (Throwable t) {
      AgentLog.failure("observing a JDK HttpClient response", t);
      futureUse.futureDecides();
      return subscriber;
    }
  }
}
