package dev.llmcost.fake;

import dev.llmcost.fake.Exchange.Outcome;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One accepted socket, served by two threads: a reader that parses requests and then keeps
 * reading, so it sees the client leave the moment it does (even mid-stream, when nothing is being
 * written), and an answerer that writes the responses in order.
 */
final class FakeConnection {

  /** What the answerer is told when there will be no more requests. */
  private static final Object END = new Object();

  /** A request line or header the reader could not parse: answered with 400, then closed. */
  private record Unparsable(String reason) {
  }

  final int id;
  final long openedNanos;
  private final Socket socket;
  private final FakeProvider provider;
  private final OutputStream out;
  private final BlockingQueue<Object> pending = new LinkedBlockingQueue<>();
  /** Counted down when the conversation is over: the client left, or the server closed. */
  private final CountDownLatch over = new CountDownLatch(1);
  private final AtomicInteger requests = new AtomicInteger();
  private volatile ExchangeState current;

  private long closedNanos = -1;
  private boolean closedByClient;
  private boolean serverClosing;

  FakeConnection(int id, Socket socket, FakeProvider provider) throws IOException {
    this.id = id;
    this.openedNanos = System.nanoTime();
    this.socket = socket;
    this.provider = provider;
    socket.setTcpNoDelay(true); // every SSE event leaves at once
    this.out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
  }

  void start(ExecutorService threads) {
    threads.execute(this::readLoop);
    threads.execute(this::answerLoop);
  }

  OutputStream out() {
    return out;
  }

  boolean isOver() {
    return over.getCount() == 0;
  }

  /** Waits for {@code d} unless the conversation ends first; true if it is still on. */
  boolean pause(Duration d) {
    if (d.isZero() || d.isNegative()) {
      return !isOver();
    }
    try {
      return !over.await(d.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  synchronized ConnectionRecord snapshot() {
    return new ConnectionRecord(id, openedNanos, closedNanos, closedByClient, requests.get());
  }

  private void readLoop() {
    try {
      HttpRequestReader reader = new HttpRequestReader(new BufferedInputStream(socket.getInputStream()), this::sendContinue);
      while (true) {
        HttpRequestReader.Parsed parsed = reader.next();
        if (parsed == null) {
          break;
        }
        requests.incrementAndGet();
        pending.add(provider.record(this, parsed));
      }
    } catch (ProtocolException | NumberFormatException e) {
      pending.add(new Unparsable(String.valueOf(e.getMessage())));
      return; // the answerer replies 400 and closes
    } catch (IOException e) {
      // reset by the client, or our own close: inputEnded tells them apart
    }
    inputEnded();
  }

  /** The client closed or reset its side (or we closed ours): settle whatever was being answered. */
  private void inputEnded() {
    long now = System.nanoTime();
    boolean byClient;
    synchronized (this) {
      byClient = !serverClosing;
    }
    if (byClient) {
      // Settle first, so that a connection seen closed always has its outcome known.
      ExchangeState ex = current;
      if (ex != null) {
        ex.settle(Outcome.CLIENT_DISCONNECTED, now);
      }
      for (Object queued : pending) {
        if (queued instanceof ExchangeState q) {
          q.settle(Outcome.CLIENT_DISCONNECTED, now);
        }
      }
      synchronized (this) {
        if (closedNanos < 0) {
          closedNanos = now;
          closedByClient = true;
        }
      }
    }
    over.countDown();
    pending.add(END);
  }

  private void answerLoop() {
    try {
      while (true) {
        Object item = pending.poll(10, TimeUnit.MINUTES); // bounded: stop() ends it much sooner
        if (item == null || item == END) {
          break;
        }
        if (item instanceof Unparsable u) {
          writeBadRequest(u.reason());
          break;
        }
        ExchangeState ex = (ExchangeState) item;
        current = ex;
        boolean reusable = ex.inProgress() && provider.answer(ex, this);
        current = null;
        settleIfAbandoned(ex);
        if (!reusable) {
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      provider.reportFailure(e);
    } finally {
      try {
        out.flush();
      } catch (IOException ignored) {
        // the client is gone
      }
      closeFromServer(false);
    }
  }

  /**
   * An answer that stopped because the conversation ended is normally settled by whoever ended it;
   * this covers the instant between taking a request off the queue and publishing it as current.
   */
  private void settleIfAbandoned(ExchangeState ex) {
    if (!ex.inProgress()) {
      return;
    }
    boolean byClient;
    long at;
    synchronized (this) {
      byClient = closedByClient;
      at = closedNanos >= 0 ? closedNanos : System.nanoTime();
    }
    ex.settle(byClient ? Outcome.CLIENT_DISCONNECTED : Outcome.SERVER_STOPPED, at);
  }

  private void sendContinue() {
    try {
      out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
    } catch (IOException ignored) {
      // the client is gone: reading its body fails next, and inputEnded settles it
    }
  }

  private void writeBadRequest(String reason) {
    byte[] body = ("bad request: " + reason).getBytes(StandardCharsets.UTF_8);
    try {
      out.write(("HTTP/1.1 400 Bad Request\r\ncontent-type: text/plain\r\ncontent-length: " + body.length
          + "\r\nconnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
    } catch (IOException ignored) {
      // the client is gone already
    }
  }

  /**
   * Closes the socket from this side. With {@code reset}, SO_LINGER 0 makes the close send a TCP
   * RST instead of a FIN: the abrupt failure a client sees when a proxy or provider dies mid-answer.
   */
  void closeFromServer(boolean reset) {
    synchronized (this) {
      serverClosing = true;
      if (closedNanos < 0) {
        closedNanos = System.nanoTime();
        closedByClient = false;
      }
    }
    // No flush here: stop() calls this from another thread while the answerer may be blocked in a
    // write to a client that stopped reading; closing the socket is what unblocks it.
    if (reset) {
      try {
        socket.setSoLinger(true, 0);
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
    over.countDown();
    pending.add(END);
  }

  /** Server shutdown: whatever is still being answered ends as SERVER_STOPPED. */
  void stop() {
    long now = System.nanoTime();
    ExchangeState ex = current;
    if (ex != null) {
      ex.settle(Outcome.SERVER_STOPPED, now);
    }
    for (Object queued : pending) {
      if (queued instanceof ExchangeState q) {
        q.settle(Outcome.SERVER_STOPPED, now);
      }
    }
    closeFromServer(false);
  }
}
