package dev.llmcost.agent.http.jdk;

import java.util.Set;

/**
 * Some of the JDK's body subscriber classes, by name (they are internal: no type to test against).
 * Asked of every LLM answer's subscriber, so each class's answer is remembered.
 */
final class SubscriberClasses {
  private final Set<String> names;
  private final ClassValue<Boolean> members = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      return names.contains(type.getName());
    }
  };

  SubscriberClasses(String... names) {
    this.names = Set.of(names);
  }

  boolean contains(Object subscriber) {
    return subscriber != null && members.get(subscriber.getClass());
  }
}
