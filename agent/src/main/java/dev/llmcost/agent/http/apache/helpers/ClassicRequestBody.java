package dev.llmcost.agent.http.apache.helpers;

import java.io.IOException;
import java.io.InputStream;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;

/**
 * A classic request's body, read only when it is held in memory and re-readable without side
 * effects: {@code StringEntity} and {@code ByteArrayEntity} (exactly those classes: a subclass
 * could stream), which hand out a fresh in-memory stream for every {@code getContent()}.
 */
final class ClassicRequestBody {
  private ClassicRequestBody() {}

  static byte[] read(HttpEntity entity, int maxBytes) {
    if (entity == null || !entity.isRepeatable()) {
      return null;
    }
    Class<?> type = entity.getClass();
    if (type != StringEntity.class && type != ByteArrayEntity.class) {
      return null;
    }
    try (InputStream in = entity.getContent()) {
      return in.readNBytes(maxBytes);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
