package dev.llmcost.agent.provider;

import java.nio.charset.StandardCharsets;

/**
 * Looks for a field in raw JSON bytes without parsing them, to decide whether they need parsing
 * at all. A key inside a string value is escaped ({@code \"usage\"}) and never matches; a match
 * elsewhere only costs a parse that finds nothing.
 */
final class JsonBytes {
  private JsonBytes() {}

  /** The quoted key ({@code "usage"}), for {@link #hasValue}. */
  static String key(String name) {
    return "\"" + name + "\"";
  }

  /**
   * True when {@code data[start..end)} has one of the keys followed by a value other than null.
   * The bytes are searched as ISO-8859-1 text: one copy, then the JDK's vectorised
   * {@code String.indexOf} per key, several times faster than a byte loop on a stream's every
   * event (the keys are ASCII, so other bytes only need to stay themselves).
   */
  static boolean hasValue(byte[] data, int start, int end, String... keys) {
    String text = new String(data, start, end - start, StandardCharsets.ISO_8859_1);
    for (String key : keys) {
      for (int at = text.indexOf(key); at >= 0; at = text.indexOf(key, at + key.length())) {
        if (valueFollows(text, at + key.length())) {
          return true;
        }
      }
    }
    return false;
  }

  /** After a key: optional whitespace, a colon, optional whitespace, then anything but null. */
  private static boolean valueFollows(String text, int i) {
    i = skipWhitespace(text, i);
    if (i >= text.length() || text.charAt(i) != ':') {
      return false;
    }
    i = skipWhitespace(text, i + 1);
    return i < text.length() && text.charAt(i) != 'n';
  }

  private static int skipWhitespace(String text, int i) {
    while (i < text.length() && isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }
}
