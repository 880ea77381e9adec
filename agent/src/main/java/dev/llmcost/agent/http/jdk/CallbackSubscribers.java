package dev.llmcost.agent.http.jdk;

import java.net.http.HttpResponse.BodySubscriber;

/**
 * The JDK's body subscribers that hand the body straight to an application callback:
 * {@code BodyHandlers.fromSubscriber}, {@code fromLineSubscriber} and {@code ofByteArrayConsumer}.
 * With these the application receives the result through its callback, and the future, which
 * completes only at the end of the body, may never be read; so a body delivered to the end is a
 * consumed result whatever becomes of the future.
 */
final class CallbackSubscribers {
  private static final SubscriberClasses HANDS_BODY = new SubscriberClasses(
      "jdk.internal.net.http.ResponseSubscribers$SubscriberAdapter",
      "jdk.internal.net.http.LineSubscriberAdapter",
      "jdk.internal.net.http.ResponseSubscribers$ConsumerSubscriber");

  private CallbackSubscribers() {}

  static boolean handsBodyToApplication(BodySubscriber<?> subscriber) {
    return HANDS_BODY.contains(subscriber);
  }
}
