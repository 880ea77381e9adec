package dev.llmcost.agent.call;

import java.lang.reflect.Field;

/**
 * Whether a Guava future had listeners before the agent met it: a listener attached before its
 * task's LLM call ({@code Futures.transform}, {@code addCallback} right after {@code submit}) was
 * not seen, and may have used the result. Read from Guava's own field (named {@code listeners}
 * up to 33.4, {@code listenersField} in {@code AbstractFutureState} since); when it cannot be
 * read, the answer is yes, so that such a result is never judged waste.
 */
final class GuavaListeners {
  private static final String[] FIELD_NAMES = {"listenersField", "listeners"};

  private static final ClassValue<Field> FIELD = new ClassValue<>() {
    @Override
    protected Field computeValue(Class<?> type) {
      for (Class<?> c = type; c != null; c = c.getSuperclass()) {
        for (String name : FIELD_NAMES) {
          try {
            Field field = c.getDeclaredField(name);
            field.setAccessible(true);
            return field;
          } catch (NoSuchFieldException e) {
            // not declared here; look further up
          } catch (RuntimeException e) {
            return null; // a named module that does not open it
          }
        }
      }
      return null;
    }
  };

  private GuavaListeners() {}

  /** True unless the future's listener list can be read and is empty. */
  static boolean mayHaveListeners(Object future) {
    Field field = FIELD.get(future.getClass());
    if (field == null) {
      return true;
    }
    try {
      return field.get(future) != null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return true;
    }
  }
}
