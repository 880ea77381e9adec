package dev.llmcost.agent.provider;

import java.nio.charset.StandardCharsets;

/**
 * Looks for a field in raw JSON bytes without parsing them, to decide whether they need parsing
 * at all. A key inside a string value is escaped ({@code \"usage\"}) and never matches; a match
 * elsewhere only costs a parse that finds nothing.
 */
final class JsonBytes {
  private JsonBytes() {}

  /** The quoted key ({@code "usage"}) as bytes, for {@link #hasValue}. */
  static byte[] key(String name) {
    return ("\"" + name + "\"").getBytes(StandardCharsets.UTF_8);
  }

  /**
   * True when {@code data[start..end)} has one of the keys followed by a value other than null.
   * One pass: the bytes after each quote are compared with the keys only.
   */
  static boolean hasValue(byte[] data, int start, int end, byte[]... keys) {
    for (int i = start; i < end; i++) {
      if (data[i] != '"') {
        continue;
      }
      for (byte[] key : keys) {
        if (matchesAt(data, i, end, key)) {
          int v = skipWhitespace(data, i + key.length, end);
          if (v < end && data[v] == ':') {
            v = skipWhitespace(data, v + 1, end);
            if (v < end && data[v] != 'n') {
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  private static boolean matchesAt(byte[] data, int at, int end, byte[] key) {
    if (end - at < key.length || data[at + 1] != key[1]) {
      return false;
    }
    for (int k = 2; k < key.length; k++) {
      if (data[at + k] != key[k]) {
        return false;
      }
    }
    return true;
  }

  private static int skipWhitespace(byte[] data, int i, int end) {
    while (i < end && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r')) {
      i++;
    }
    return i;
  }
}
