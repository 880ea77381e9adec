package okhttp3.internal.connection;

import dev.llmcost.bootstrap.OkHttpAccess;
import dev.llmcost.bootstrap.SdkBodyCopy;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;

/**
 * The agent's view of one OkHttp copy. Defined by the agent in the package of the application's
 * {@code RealCall} (so in the application's class loader), it names OkHttp's types directly.
 */
public final class LlmCostAccess implements OkHttpAccess {
  /** Longer than any LLM answer streams; reasoning models take minutes. */
  private static final long DRAIN_DEADLINE_NANOS = TimeUnit.MINUTES.toNanos(30);
  /** Far more than any LLM answer, images in base64 included. */
  private static final long DRAIN_MAX_BYTES = 256L << 20;
  /** OkHttp's own budget for discarding a body closed early (ExchangeCodec.DISCARD_STREAM_TIMEOUT_MILLIS). */
  private static final long BRIEF_DRAIN_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final long BRIEF_DRAIN_MAX_BYTES = 4L << 20;

  @Override
  public String method(Object call) {
    return request(call).method();
  }

  @Override
  public String scheme(Object call) {
    return request(call).url().scheme();
  }

  @Override
  public String host(Object call) {
    return request(call).url().host();
  }

  @Override
  public int port(Object call) {
    return request(call).url().port();
  }

  @Override
  public String encodedPath(Object call) {
    return request(call).url().encodedPath();
  }

  @Override
  public boolean isExecuted(Object call) {
    return ((Call) call).isExecuted();
  }

  @Override
  public byte[] requestBody(Object call, int maxBytes) {
    RequestBody body = request(call).body();
    if (body == null || maxBytes <= 0 || !LlmCostReplayableBodies.canWriteAgain(body)) {
      return null;
    }
    SdkBodyCopy.begin();
    try {
      long length = body.contentLength();
      if (length >= 0 && length <= maxBytes) {
        Buffer buffer = new Buffer();
        body.writeTo(buffer);
        return buffer.readByteArray();
      }
      LlmCostPrefixSink prefix = new LlmCostPrefixSink(maxBytes);
      BufferedSink sink = Okio.buffer(prefix);
      body.writeTo(sink);
      sink.flush();
      return prefix.bytes();
    } catch (IOException e) {
      return null;
    } finally {
      SdkBodyCopy.end();
    }
  }

  @Override
  public boolean isCanceled(Object call) {
    return ((Call) call).isCanceled();
  }

  @Override
  public void cancel(Object call) {
    ((Call) call).cancel();
  }

  @Override
  public int statusCode(Object response) {
    return ((Response) response).code();
  }

  @Override
  public String header(Object response, String name) {
    return ((Response) response).header(name);
  }

  @Override
  public long contentLength(Object response) {
    ResponseBody body = ((Response) response).body();
    return body != null ? body.contentLength() : -1;
  }

  @Override
  public Object observeBody(Object response, Object body) {
    Response r = (Response) response;
    ResponseBody original = r.body();
    if (original == null) {
      return response;
    }
    return r.newBuilder().body(new LlmCostResponseBody(original, body)).build();
  }

  @Override
  public Object body(Object response) {
    return ((Response) response).body();
  }

  @Override
  public void drain(Object body, Object observer) {
    drain((ResponseBody) body, observer, DRAIN_DEADLINE_NANOS, DRAIN_MAX_BYTES);
  }

  @Override
  public void drainBriefly(Object body, Object observer) {
    drain((ResponseBody) body, observer, BRIEF_DRAIN_NANOS, BRIEF_DRAIN_MAX_BYTES);
  }

  /**
   * Reads a dropped body to its end for the usage it reports, within bounds: a provider that
   * stalls (with the application's read timeout off) or never ends would keep the thread for good.
   */
  static void drain(ResponseBody original, Object observer, long deadlineNanos, long maxBytes) {
    try (Source source = new LlmCostBodySource(original.source(), observer, null)) {
      source.timeout().deadlineNanoTime(System.nanoTime() + deadlineNanos);
      Buffer discarded = new Buffer();
      long total = 0;
      for (long n; total < maxBytes && (n = source.read(discarded, 8192)) != -1; total += n) {
        discarded.clear();
      }
    } catch (IOException | RuntimeException e) {
      // reported to the observer by the source; the body is closed below either way
    } finally {
      original.close();
    }
  }

  @Override
  public void close(Object body) {
    ((ResponseBody) body).close();
  }

  @Override
  public Object observeCallback(Object callback, Object token) {
    return new LlmCostCallback((Callback) callback, token);
  }

  @Override
  public void fail(Object callback, Object call, IOException reason) {
    ((Callback) callback).onFailure((Call) call, reason);
  }

  private static Request request(Object call) {
    return ((Call) call).request();
  }
}
