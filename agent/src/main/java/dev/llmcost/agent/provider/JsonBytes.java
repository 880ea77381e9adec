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
   * One pass; a key is compared only where a quote is followed by its first letter.
   */
  static boolean hasValue(byte[] data, int start, int end, byte[]... keys) {
    int last = end - 2;
    for (int i = start; i < last; i++) {
      if (data[i] != '"') {
        continue;
      }
      byte next = data[i + 1];
      for (byte[] key : keys) {
        if (next == key[1] && matchesAt(data, i, end, key) && valueFollows(data, i + key.length, end)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean matchesAt(byte[] data, int at, int end, byte[] key) {
    if (end - at < key.length) {
      return false;
    }
    for (int k = 2; k < key.length; k++) {
      if (data[at + k] != key[k]) {
        return false;
      }
    }
    return true;
  }

  /** After a key: optional whitespace, a colon, optional whitespace, then anything but null. */
  private static boolean valueFollows(byte[] data, int i, int end) {
    i = skipWhitespace(data, i, end);
    if (i >= end || data[i] != ':') {
      return false;
    }
    i = skipWhitespace(data, i + 1, end);
    return i < end && data[i] != 'n';
  }

  private static int skipWhitespace(byte[] data, int i, int end) {
    while (i < end && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r')) {
      i++;
    }
    return i;
  }
}
