package dev.llmcost.agent.http.jdk;

import java.net.http.HttpResponse.BodySubscriber;

/**
 * The JDK's body subscribers that may hand the application the JDK's InputStream:
 * {@code ofInputStream()} itself, and the mapping subscriber {@code ofLines()} (and
 * {@code BodySubscribers.mapping}) build on it. Only these can make the body, rather than the
 * response future, the result the application uses ({@link ResponseFutureUse}).
 */
final class InputStreamSubscribers {
  private static final SubscriberClasses MAY_HAND_OUT = new SubscriberClasses(
      "jdk.internal.net.http.ResponseSubscribers$HttpResponseInputStream",
      "jdk.internal.net.http.ResponseSubscribers$MappingSubscriber");

  private InputStreamSubscribers() {}

  static boolean mayHandOutInputStream(BodySubscriber<?> subscriber) {
    return MAY_HAND_OUT.contains(subscriber);
  }
}
