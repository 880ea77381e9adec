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
     * names the target): the subscriber the request should use instead of {@code subscriber}, or
     * a {@link CallRejected} when a hard budget refuses the call (the advice skips the subscribe).
     */
    Object subscribing(Object config, Object subscriber);

    /** A refused subscription: {@code subscriber} is failed with {@code reason}; nothing is sent. */
    default void refuse(Object subscriber, LlmGuardException reason) {}

    /** The client is about to write a request on {@code operations}' channel, on its event loop. */
    void sending(Object operations);
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

  /** See {@link Impl#refuse}. */
  public static void refused(Object subscriber, Object rejected) {
    Impl i = impl;
    if (i == null || subscriber == null) {
      return;
    }
    try {
      i.refuse(subscriber, ((CallRejected) rejected).reason());
    } catch (Throwable t) {
      HookErrors.record("Reactor Netty refusal", t);
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
