package dev.llmcost.agent.http.jdk;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.Flow;

/**
 * Reads a request body without disturbing the request: only publishers that hold their bytes in
 * memory (ofString, ofByteArray) are replayable and deliver synchronously, so only those are read.
 * Streams and files are never touched (re-reading them could have side effects).
 */
final class JdkRequestBody {
  private JdkRequestBody() {}

  static byte[] read(HttpRequest request, int maxBytes) {
    BodyPublisher publisher = request.bodyPublisher().orElse(null);
    if (publisher == null || !isInMemory(publisher.getClass())) {
      return null;
    }
    Collector collector = new Collector(publisher.contentLength(), maxBytes);
    publisher.subscribe(collector);
    return collector.bytes();
  }

  private static boolean isInMemory(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (c.getName().equals("jdk.internal.net.http.RequestPublishers$ByteArrayPublisher")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Collects up to maxBytes; what the publisher delivered synchronously is all we take. An
   * in-memory publisher knows its length, so the bytes go straight into one array of that size,
   * which is returned as it is: the body is copied once, not three times.
   */
  private static final class Collector implements Flow.Subscriber<ByteBuffer> {
    private byte[] body;
    private final int maxBytes;
    private int size;
    private Flow.Subscription subscription;

    Collector(long contentLength, int maxBytes) {
      this.maxBytes = maxBytes;
      this.body = new byte[(int) Math.min(maxBytes, contentLength >= 0 ? contentLength : 512)];
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    /** Synchronized with {@link #bytes()}, should a publisher deliver on another thread. */
    @Override
    public synchronized void onNext(ByteBuffer item) {
      int room = maxBytes - size;
      if (room <= 0) {
        subscription.cancel();
        return;
      }
      int n = Math.min(room, item.remaining());
      if (size + n > body.length) {
        body = Arrays.copyOf(body, Math.min(maxBytes, Math.max(size + n, 2 * body.length)));
      }
      item.duplicate().get(body, size, n);
      size += n;
    }

    @Override
    public void onError(Throwable throwable) {
      // a partial body is still useful to the codec
    }

    @Override
    public void onComplete() {
      // nothing to do: bytes() reads what arrived
    }

    synchronized byte[] bytes() {
      return size == body.length ? body : Arrays.copyOf(body, size);
    }
  }
}
