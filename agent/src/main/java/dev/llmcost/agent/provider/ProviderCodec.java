package dev.llmcost.agent.provider;

/** Knows one provider wire format: reads requests and creates incremental response parsers. */
public interface ProviderCodec {
  /** Reads a (possibly truncated) request body; never throws, returns UNKNOWN-like info on bad input. */
  RequestInfo readRequest(byte[] body, int length);

  /**
   * @param sse true for {@code text/event-stream} bodies
   * @param contentEncoding the response's Content-Encoding header (gzip, deflate) or null
   */
  ResponseParser newResponseParser(boolean sse, String contentEncoding);
}
