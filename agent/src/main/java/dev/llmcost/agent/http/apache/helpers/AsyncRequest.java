package dev.llmcost.agent.http.apache.helpers;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.RequestChannel;
import org.apache.hc.core5.http.nio.entity.BasicAsyncEntityProducer;
import org.apache.hc.core5.http.nio.entity.StringAsyncEntityProducer;
import org.apache.hc.core5.http.nio.support.BasicRequestProducer;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * The request behind an async request producer, learnt before the client sees it. Only the
 * library's own producers are asked: their {@code sendRequest} just hands over the request and its
 * entity producer, so asking twice changes nothing. Others (an application's own producer) are
 * not tracked.
 */
final class AsyncRequest implements RequestChannel {
  private HttpRequest request;
  private EntityDetails entity;

  private AsyncRequest() {}

  /** The producer's request and entity, or null for a producer we do not know to be inert. */
  static AsyncRequest peek(AsyncRequestProducer producer) throws Exception {
    Class<?> type = producer.getClass();
    if (type != SimpleRequestProducer.class && type != BasicRequestProducer.class) {
      return null;
    }
    AsyncRequest captured = new AsyncRequest();
    producer.sendRequest(captured, null);
    return captured.request != null ? captured : null;
  }

  @Override
  public void sendRequest(HttpRequest request, EntityDetails entityDetails, HttpContext context) {
    this.request = request;
    this.entity = entityDetails;
  }

  HttpRequest request() {
    return request;
  }

  /**
   * The body, up to {@code maxBytes}, when it is held in memory: a {@link SimpleHttpRequest}'s
   * (public API), else the library's two in-memory entity producers, read through duplicates of
   * their buffers so nothing they will send is touched. Null otherwise.
   */
  byte[] body(int maxBytes) {
    byte[] bytes = null;
    if (request instanceof SimpleHttpRequest) {
      bytes = ((SimpleHttpRequest) request).getBodyBytes();
    } else if (entity != null && entity.getClass() == BasicAsyncEntityProducer.class) {
      bytes = InMemoryProducer.bytes(entity, maxBytes);
    } else if (entity != null && entity.getClass() == StringAsyncEntityProducer.class) {
      bytes = InMemoryProducer.text(entity, maxBytes);
    }
    return bytes == null || bytes.length <= maxBytes ? bytes : Arrays.copyOf(bytes, maxBytes);
  }

  /**
   * Reads the content an in-memory entity producer holds. These producers offer no read access,
   * and producing them here would move state the client relies on (5.2's
   * {@code BasicAsyncEntityProducer} cannot rewind a text body exactly), so their private buffer is
   * read through a duplicate. A field that is missing or closed to us means no body.
   */
  private static final class InMemoryProducer {
    private static final Field BYTES = field(BasicAsyncEntityProducer.class, "bytebuf");
    private static final Field TEXT = field(StringAsyncEntityProducer.class, "content");

    static byte[] bytes(Object producer, int maxBytes) {
      try {
        ByteBuffer view = ((ByteBuffer) BYTES.get(producer)).duplicate();
        byte[] out = new byte[Math.min(maxBytes, view.remaining())];
        view.get(out);
        return out;
      } catch (Exception | LinkageError e) {
        return null;
      }
    }

    static byte[] text(EntityDetails producer, int maxBytes) {
      try {
        CharBuffer view = ((CharBuffer) TEXT.get(producer)).duplicate();
        if (view.remaining() > maxBytes) {
          view.limit(view.position() + maxBytes); // a char encodes to at least one byte
        }
        ByteBuffer encoded = charset(producer.getContentType()).encode(view);
        byte[] out = new byte[encoded.remaining()];
        encoded.get(out);
        return out;
      } catch (Exception | LinkageError e) {
        return null;
      }
    }

    private static Charset charset(String contentType) {
      int at = contentType == null ? -1 : contentType.toLowerCase().indexOf("charset=");
      if (at >= 0) {
        String name = contentType.substring(at + 8).split(";")[0].trim().replace("\"", "");
        try {
          return Charset.forName(name);
        } catch (RuntimeException ignored) {
          // unknown charset: JSON is UTF-8
        }
      }
      return StandardCharsets.UTF_8;
    }

    private static Field field(Class<?> type, String name) {
      try {
        Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return f;
      } catch (Exception | LinkageError e) {
        return null;
      }
    }
  }
}
