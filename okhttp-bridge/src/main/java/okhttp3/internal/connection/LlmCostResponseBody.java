package okhttp3.internal.connection;

import dev.llmcost.bootstrap.OkHttpHooks;
import okhttp3.MediaType;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import okio.Okio;

/**
 * The application's response body, unchanged, with its bytes reported as the application reads
 * them. Length, type and closing are the original body's; nothing is read that the application
 * did not ask for.
 */
final class LlmCostResponseBody extends ResponseBody {
  private final ResponseBody delegate;
  private final Object observer;
  private BufferedSource source;

  LlmCostResponseBody(ResponseBody delegate, Object observer) {
    this.delegate = delegate;
    this.observer = observer;
  }

  @Override
  public MediaType contentType() {
    return delegate.contentType();
  }

  @Override
  public long contentLength() {
    return delegate.contentLength();
  }

  @Override
  public synchronized BufferedSource source() {
    if (source == null) {
      source = Okio.buffer(new LlmCostBodySource(delegate.source(), observer, this));
    }
    return source;
  }

  @Override
  public void close() {
    if (OkHttpHooks.bodyClosed(observer)) {
      return; // dropped unread: the agent reads the rest, then closes it
    }
    BufferedSource opened;
    synchronized (this) {
      opened = source;
    }
    if (opened != null) {
      try {
        opened.close();
      } catch (Exception ignored) {
        // ResponseBody.close() is quiet; the delegate below closes the same stream again
      }
    }
    delegate.close();
  }
}
