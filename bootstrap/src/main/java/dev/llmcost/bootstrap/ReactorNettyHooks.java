package dev.llmcost.bootstrap;

/**
 * Called by advice inlined into Reactor Netty's HTTP client, which sends every request from a
 * Netty event loop: the application's side of a call (its call site, tags, trace context) is read
 * where the application subscribes, and handed to the channel that sends it. Types are Object
 * because the boot loader cannot see the application's Reactor Netty.
 */
public final class ReactorNettyHooks {
  /** The agent's side of these hooks. */
  public interface Impl {
    /**
     * The application subscribes to a request ({@code config}: the client's configuration, which
     * names the target): the subscriber the request should use instead of {@code subscriber}, a
     * {@link CallRejected} when a hard budget refuses the call, or a {@link Later} when it must
     * wait for a concurrency slot (for both, the advice skips the subscribe).
     */
    Object subscribing(Object config, Object subscriber);

    /** A refused subscription: {@code subscriber} is failed with {@code reason}; nothing is sent. */
    default void refuse(Object subscriber, LlmGuardException reason) {}

    /**
     * A subscription put off: {@code subscriber} is subscribed to {@code mono} (the request) once
     * a concurrency slot is free, with {@code state} from {@link #subscribing}.
     */
    default void subscribeLater(Object mono, Object subscriber, Object state) {}

    /** The client is about to write a request on {@code operations}' channel, on its event loop. */
    void sending(Object operations);
  }

  /** The decision to subscribe once a concurrency slot is free; the state is the agent's. */
  public static final class Later {
    private final Object state;

    public Later(Object state) {
      this.state = state;
    }

    public Object state() {
      return state;
    }
  }

  private static volatile Impl impl;

  private ReactorNettyHooks() {}

  public static void install(Impl implementation) {
    impl = implementation;
  }

  public static Object subscribing(Object config, Object subscriber) {
    Impl i = impl;
    if (i == null || config == null || subscriber == null) {
      return subscriber;
    }
    try {
      Object replacement = i.subscribing(config, subscriber);
      return replacement != null ? replacement : subscriber;
    } catch (Throwable t) {
      HookErrors.record("Reactor Netty subscribe", t);
      return subscriber;
    }
  }

  /** Whether {@link #subscribing}'s decision replaces the subscribe ({@link #insteadOfSubscribe}). */
  public static boolean replacesSubscribe(Object decision) {
    return decision instanceof CallRejected || decision instanceof Later;
  }

  /** What replaces a skipped subscribe: a refusal ({@link Impl#refuse}) or {@link Impl#subscribeLater}. */
  public static void insteadOfSubscribe(Object mono, Object subscriber, Object decision) {
    Impl i = impl;
    if (i == null || subscriber == null) {
      return;
    }
    try {
      if (decision instanceof CallRejected) {
        i.refuse(subscriber, ((CallRejected) decision).reason());
      } else if (decision instanceof Later) {
        i.subscribeLater(mono, subscriber, ((Later) decision).state());
      }
    } catch (Throwable t) {
      HookErrors.record("Reactor Netty refusal or wait", t);
    }
  }

  public static void sending(Object operations) {
    Impl i = impl;
    if (i == null || operations == null) {
      return;
    }
    try {
      i.sending(operations);
    } catch (Throwable t) {
      HookErrors.record("Reactor Netty send", t);
    }
  }
}
