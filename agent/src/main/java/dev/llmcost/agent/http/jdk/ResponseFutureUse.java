package dev.llmcost.agent.http.jdk;

import dev.llmcost.agent.call.LlmCall;
import dev.llmcost.agent.call.ResultUse;

/**
 * What the application does with a JDK HttpClient response future, told to the call, except when
 * the response's body is an {@link ObservedInputStream}: then the body is the result (reading any
 * of it is using it), and reading the future, which completes at the headers, is not. Which of the
 * two decides is known only once the client asks the body subscriber for the body; a read of the
 * future before that waits for the answer.
 */
final class ResponseFutureUse implements ResultUse {
  private enum Judge { UNKNOWN, FUTURE, BODY }

  private final LlmCall call;
  private Judge judge = Judge.UNKNOWN;
  private boolean readBeforeJudged;
  /** The application took the response from the future (and may hold its body). */
  private boolean read;

  ResponseFutureUse(LlmCall call) {
    this.call = call;
  }

  /** The body is no InputStream the agent observes: reading the future is using the result. */
  void futureDecides() {
    boolean read;
    synchronized (this) {
      if (judge != Judge.UNKNOWN) {
        return;
      }
      judge = Judge.FUTURE;
      read = readBeforeJudged;
    }
    if (read) {
      call.markConsumed();
    }
  }

  /** The body is an {@link ObservedInputStream}: its reads, close and collection decide. */
  synchronized void bodyDecides() {
    if (judge == Judge.UNKNOWN) {
      judge = Judge.BODY;
    }
  }

  @Override
  public void markConsumed() {
    synchronized (this) {
      read = true;
      if (judge == Judge.BODY) {
        return;
      }
      if (judge == Judge.UNKNOWN) {
        readBeforeJudged = true;
        return;
      }
    }
    call.markConsumed();
  }

  /**
   * The future was collected: abandoned, unless the application took the response from it and the
   * body decides (it may hold the InputStream, which is watched on its own). A future nobody read
   * is abandoned either way: its body, still arriving, stays reachable from the client itself.
   */
  @Override
  public void markAbandoned() {
    synchronized (this) {
      if (judge == Judge.BODY && read) {
        return;
      }
    }
    call.markAbandoned();
  }

  @Override
  public void markCancelled() {
    call.markCancelled();
  }

  @Override
  public void whenDecided(Runnable release) {
    call.whenDecided(release);
  }
}
