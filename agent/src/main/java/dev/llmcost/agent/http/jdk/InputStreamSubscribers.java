package dev.llmcost.agent.http.jdk;

import java.net.http.HttpResponse.BodySubscriber;
import java.util.Set;

/**
 * The JDK's body subscribers that may hand the application the JDK's InputStream:
 * {@code ofInputStream()} itself, and the mapping subscriber {@code ofLines()} (and
 * {@code BodySubscribers.mapping}) build on it. Only these can make the body, rather than the
 * response future, the result the application uses ({@link ResponseFutureUse}).
 */
final class InputStreamSubscribers {
  private static final Set<String> NAMES = Set.of(
      "jdk.internal.net.http.ResponseSubscribers$HttpResponseInputStream",
      "jdk.internal.net.http.ResponseSubscribers$MappingSubscriber");

  /** Asked of every LLM answer's subscriber, so remembered per class. */
  private static final ClassValue<Boolean> MAY_HAND_OUT = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      return NAMES.contains(type.getName());
    }
  };

  private InputStreamSubscribers() {}

  static boolean mayHandOutInputStream(BodySubscriber<?> subscriber) {
    return subscriber != null && MAY_HAND_OUT.get(subscriber.getClass());
  }
}
