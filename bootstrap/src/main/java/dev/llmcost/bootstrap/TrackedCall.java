package dev.llmcost.bootstrap;

import java.nio.ByteBuffer;

/**
 * One LLM call, as transport code that sees only JDK types reports it: code defined in an
 * application's class loader (it implements a library's interfaces) or code that observes a JDK
 * class. The agent implements it over its own call record; the meaning of each event is that of
 * the transport contract (docs/transports.md).
 */
public interface TrackedCall {
  /** How to abort this call at the transport; the agent never runs it on the caller's thread. */
  void setCancel(Runnable cancel);

  void onResponseHeaders(int status, String contentType, String contentEncoding);

  /** Body bytes as they reach the application; the buffer's position is not changed. */
  void onBytes(ByteBuffer bytes);

  void onComplete();

  void onFailure(Throwable t);

  void onCancelledByApp();

  /** The application closed the body before the transport saw its end. */
  void onClosedByApp();

  /**
   * The application closed the body before its end, and the transport's close read the rest
   * (shown through {@link #onBytes} first): the application stopped early, the provider generated
   * and billed the whole answer.
   */
  default void onClosedByAppRestRead() {
    onClosedByApp();
  }

  /**
   * The application closed the body without reading any of it, and the transport's close showed
   * what followed (through {@link #onBytes} first): an answer that had arrived whole was generated,
   * billed and not used (abandoned); one cut short by the close was closed early.
   */
  default void onClosedUnreadRestRead() {
    onClosedByAppRestRead();
  }

  /** Whether the answer's own end marker ([DONE], message_stop, a JSON document's end) was seen. */
  default boolean answerComplete() {
    return false;
  }

  void markConsumed();

  /** Report the call abandoned if {@code resultCarrier} becomes unreachable before it was read. */
  void watchAbandonment(Object resultCarrier);

  /**
   * End the call as closed early if {@code body}, the one object its response body is read
   * through, becomes unreachable before the body ended: nobody can read it any more.
   */
  default void endWhenUnreachable(Object body) {}
}
