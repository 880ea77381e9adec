package dev.llmcost.agent.provider;

import dev.llmcost.agent.AgentLog;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Parses a {@code text/event-stream} response: SSE framing, then each event's JSON data. */
final class SseBodyParser implements ResponseParser, SseReader.Handler {
  // Non-JSON data worth a look is a short marker like [DONE]; longer text is ignored unread.
  private static final int MAX_TEXT_EVENT = 64;
  private static final byte[] DONE = {'[', 'D', 'O', 'N', 'E', ']'};
  private final ResponseReader reader;
  private final SseReader sse = new SseReader(this);
  /** Text-only events not read yet: most streams end with usage, and then they never are. */
  private final PendingEvents pending = new PendingEvents();
  private boolean deferring = true;
  private boolean ended;

  SseBodyParser(ResponseReader reader) {
    this.reader = reader;
  }

  @Override
  public void onBytes(ByteBuffer bytes) {
    if (ended) {
      return;
    }
    try {
      sse.feed(bytes);
      if (sse.droppedEvents() > 0) {
        reader.info.malformed = true;
      }
    } catch (Exception e) {
      reader.info.malformed = true;
      AgentLog.failure("SSE response parsing", e);
    }
  }

  @Override
  public void onEnd() {
    // An event cut off by the end of the stream is discarded: it may hold half a usage block.
    ended = true;
    ResponseInfo info = reader.info;
    if (!info.complete || info.usage == null) {
      readPending(); // the text will be estimated
    }
  }

  /**
   * Reads the events put aside, each one's text going where the stream had got to when it came:
   * events read at once meanwhile (a last chunk with text and its finish reason) keep their place.
   */
  private void readPending() {
    if (pending.isEmpty()) {
      return;
    }
    ResponseInfo info = reader.info;
    int[] inserted = {0};
    try {
      pending.drainTo((event, data, start, length, outputAt) -> {
        int before = info.outputText.length();
        info.insertOutputAt(outputAt + inserted[0]);
        read(event, data, start, length);
        inserted[0] += info.outputText.length() - before;
      });
      reader.publishUsage();
    } catch (Exception e) {
      info.malformed = true;
      AgentLog.failure("SSE response parsing", e);
    } finally {
      info.insertOutputAt(-1);
    }
  }

  @Override
  public void onEvent(String event, byte[] data, int length) {
    int start = 0;
    while (start < length && isJsonWhitespace(data[start])) {
      start++;
    }
    if (start == length) {
      return;
    }
    if (data[start] == '{' || (data[start] == '[' && !isDoneMarker(data, start, length))) {
      if (deferring && reader.onlyText(event, data, start, length)) {
        if (pending.add(event, data, start, length - start, reader.info.outputText.length())) {
          return;
        }
        deferring = false; // a very long answer: read everything as it comes, in order
        readPending();
      }
      read(event, data, start, length - start);
    } else if (length - start <= MAX_TEXT_EVENT) {
      reader.onTextEvent(event, new String(data, start, length - start, StandardCharsets.UTF_8).trim());
    }
    reader.publishUsage();
  }

  private void read(String event, byte[] data, int start, int length) {
    reader.startEvent(event);
    JsonScanner scanner = JsonScanner.scan(data, start, length, reader.paths(), reader);
    if (scanner.isMalformed() || scanner.isTruncated()) {
      reader.info.malformed = true;
    }
    reader.endEvent(event);
  }

  // OpenAI's end marker looks like the start of a JSON array.
  private static boolean isDoneMarker(byte[] data, int start, int length) {
    if (length - start < DONE.length) {
      return false;
    }
    for (int i = 0; i < DONE.length; i++) {
      if (data[start + i] != DONE[i]) {
        return false;
      }
    }
    for (int i = start + DONE.length; i < length; i++) {
      if (!isJsonWhitespace(data[i])) {
        return false;
      }
    }
    return true;
  }

  private static boolean isJsonWhitespace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r';
  }

  @Override
  public ResponseInfo info() {
    return reader.info;
  }
}
