package dev.llmcost.agent.http.jdk;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.nio.ByteBuffer;
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
    Collector collector = new Collector(maxBytes);
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

  /** Collects up to maxBytes; what the publisher delivered synchronously is all we take. */
  private static final class Collector implements Flow.Subscriber<ByteBuffer> {
    private final int maxBytes;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    private Flow.Subscription subscription;

    Collector(int maxBytes) {
      this.maxBytes = maxBytes;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(ByteBuffer item) {
      int room = maxBytes - out.size();
      if (room <= 0) {
        subscription.cancel();
        return;
      }
      ByteBuffer view = item.duplicate();
      int n = Math.min(room, view.remaining());
      byte[] chunk = new byte[n];
      view.get(chunk);
      out.write(chunk, 0, n);
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
      return out.toByteArray();
    }
  }
}
