package dev.llmcost.agent.provider;

/** Knows one provider wire format: reads requests and creates incremental response parsers. */
public interface ProviderCodec {
  /** Reads a (possibly truncated) request body; never throws, returns UNKNOWN-like info on bad input. */
  RequestInfo readRequest(byte[] body, int length);

  /**
   * @param sse true for {@code text/event-stream} bodies
   * @param contentEncoding the response's Content-Encoding header (gzip, deflate) or null
   */
  default ResponseParser newResponseParser(boolean sse, String contentEncoding) {
    return newResponseParser(sse, contentEncoding, false);
  }

  /**
   * @param keepText also keep the output text of whole JSON bodies (streams always keep it), for
   *     content capture
   */
  ResponseParser newResponseParser(boolean sse, String contentEncoding, boolean keepText);
}
