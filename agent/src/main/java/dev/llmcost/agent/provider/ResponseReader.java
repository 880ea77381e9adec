package dev.llmcost.agent.provider;

import dev.llmcost.agent.usage.Usage;

/**
 * What one response format means: turns the values a {@link JsonScanner} reports (from a JSON body
 * or from each SSE event's data) into {@link ResponseInfo} fields. One instance per response;
 * {@link JsonBodyParser} and {@link SseBodyParser} do the byte handling around it.
 */
abstract class ResponseReader implements JsonScanner.Listener {
  final ResponseInfo info = new ResponseInfo();
  private final JsonPaths paths;
  private boolean usageChanged;

  /** Output text is wanted on the span (content capture), not only for estimates. */
  final boolean keepText;

  ResponseReader(JsonPaths paths) {
    this(paths, false);
  }

  ResponseReader(JsonPaths paths, boolean keepText) {
    this.paths = paths;
    this.keepText = keepText;
  }

  /**
   * True when an SSE event (after the first) carries nothing this reader needs but output text,
   * which only an estimate needs, when the stream ends without its usage: the event may then be
   * kept unread and read only in that case. By default every event is read as it comes.
   *
   * @param start where the JSON starts in {@code data}; {@code end} is exclusive
   */
  boolean onlyText(String eventName, byte[] data, int start, int end) {
    return false;
  }

  final JsonPaths paths() {
    return paths;
  }

  /** The response parser for this reader, decoding the Content-Encoding first. */
  final ResponseParser parser(boolean sse, String contentEncoding) {
    ResponseParser body = sse ? new SseBodyParser(this) : new JsonBodyParser(this);
    return ContentDecoding.decoding(body, contentEncoding);
  }

  /** An SSE event whose data is JSON is about to be scanned. */
  void startEvent(String eventName) {}

  /** The SSE event's data was scanned (possibly malformed, in which case info says so). */
  void endEvent(String eventName) {}

  /** An SSE event whose data is not JSON, such as OpenAI's {@code [DONE]}. */
  void onTextEvent(String eventName, String data) {}

  /** The JSON body's root value was read to its end. */
  void endBody() {
    info.complete = true;
  }

  /** The usage as reported so far, or null when the provider reported none. */
  abstract Usage currentUsage();

  /** Called by the readers when a token count changed. */
  final void usageChanged() {
    usageChanged = true;
  }

  /** Brings {@link ResponseInfo#usage} up to date, so a response read only partly still has it. */
  final void publishUsage() {
    if (usageChanged) {
      usageChanged = false;
      info.usage = currentUsage();
    }
  }

  final void setErrorType(String type) {
    if (type != null && !type.isEmpty()) {
      info.errorType = type;
    }
  }

  static long orZero(long count) {
    return Math.max(0, count);
  }

  /** Unset counts are -1 so "absent" differs from "reported as zero". */
  static long count(JsonScanner.Value value) {
    long count = value.asLong(-1);
    return count < 0 ? -1 : count;
  }
}
