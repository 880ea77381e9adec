package okhttp3.internal.connection;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Set;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.ByteString;

/**
 * Decides whether a request body may be written once more, into memory, without side effects.
 * Never one-shot or duplex bodies. Of the rest, only OkHttp's own in-memory bodies (created from a
 * String, byte array or ByteString; form bodies), and bodies whose class states by overriding
 * {@code isOneShot()} that they may be written again (the OpenAI and Anthropic SDKs' JSON bodies):
 * OkHttp itself may write those again on a retry. A body that merely inherits {@code isOneShot()}
 * may stream from a file or socket, so it is left alone.
 */
final class LlmCostReplayableBodies {
  /** The fields OkHttp's in-memory bodies hold: the bytes, their media type and a range. */
  private static final Set<Class<?>> IN_MEMORY_FIELD_TYPES =
      Set.of(byte[].class, ByteString.class, MediaType.class, int.class, long.class);

  private static final ClassValue<Boolean> REPLAYABLE = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      return type == FormBody.class || isOkHttpInMemoryBody(type) || declaresIsOneShot(type);
    }
  };

  private LlmCostReplayableBodies() {}

  static boolean canWriteAgain(RequestBody body) {
    return !body.isDuplex() && !body.isOneShot() && REPLAYABLE.get(body.getClass());
  }

  private static boolean isOkHttpInMemoryBody(Class<?> type) {
    if (type.getSuperclass() != RequestBody.class
        || !type.getPackageName().equals(RequestBody.class.getPackageName())) {
      return false;
    }
    boolean holdsBytes = false;
    for (Field field : type.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers())) {
        continue;
      }
      if (!IN_MEMORY_FIELD_TYPES.contains(field.getType())) {
        return false; // a File, FileDescriptor, Path, list of parts...: not only bytes
      }
      holdsBytes |= field.getType() == byte[].class || field.getType() == ByteString.class;
    }
    return holdsBytes;
  }

  private static boolean declaresIsOneShot(Class<?> type) {
    for (Class<?> c = type; c != null && c != RequestBody.class; c = c.getSuperclass()) {
      try {
        c.getDeclaredMethod("isOneShot");
        return true;
      } catch (NoSuchMethodException e) {
        // look further up
      }
    }
    return false;
  }
}
