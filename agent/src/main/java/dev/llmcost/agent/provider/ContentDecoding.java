package dev.llmcost.agent.provider;

import java.util.Locale;

/** Puts the decoders a response's {@code Content-Encoding} calls for in front of a body parser. */
public final class ContentDecoding {
  private ContentDecoding() {}

  /**
   * Returns a parser that decodes {@code contentEncoding} (gzip, x-gzip, deflate, identity, or a
   * comma-separated list of them) before handing bytes to {@code body}. Any other coding (br, zstd,
   * ...) gives a parser that marks the response malformed and ignores its bytes. Never throws.
   */
  public static ResponseParser decoding(ResponseParser body, String contentEncoding) {
    if (contentEncoding == null || contentEncoding.isBlank()) {
      return body;
    }
    ResponseParser parser = body;
    // Codings are listed in the order they were applied, so the first one listed is undone last.
    for (String coding : contentEncoding.split(",")) {
      switch (coding.trim().toLowerCase(Locale.ROOT)) {
        case "", "identity" -> { }
        case "gzip", "x-gzip" -> parser = new InflatingParser(parser, true);
        case "deflate" -> parser = new InflatingParser(parser, false);
        default -> {
          return new UndecodableParser(body);
        }
      }
    }
    return parser;
  }
}
