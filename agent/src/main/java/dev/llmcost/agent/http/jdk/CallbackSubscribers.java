package dev.llmcost.agent.http.jdk;

import java.net.http.HttpResponse.BodySubscriber;
import java.util.Set;

/**
 * The JDK's body subscribers that hand the body straight to an application callback:
 * {@code BodyHandlers.fromSubscriber}, {@code fromLineSubscriber} and {@code ofByteArrayConsumer}.
 * With these the application receives the result through its callback, and the future, which
 * completes only at the end of the body, may never be read; so a body delivered to the end is a
 * consumed result whatever becomes of the future.
 */
final class CallbackSubscribers {
  private static final Set<String> NAMES = Set.of(
      "jdk.internal.net.http.ResponseSubscribers$SubscriberAdapter",
      "jdk.internal.net.http.LineSubscriberAdapter",
      "jdk.internal.net.http.ResponseSubscribers$ConsumerSubscriber");

  /** Asked of every LLM answer's subscriber, so remembered per class. */
  private static final ClassValue<Boolean> HANDS_BODY = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      return NAMES.contains(type.getName());
    }
  };

  private CallbackSubscribers() {}

  static boolean handsBodyToApplication(BodySubscriber<?> subscriber) {
    return HANDS_BODY.get(subscriber.getClass());
  }
}
