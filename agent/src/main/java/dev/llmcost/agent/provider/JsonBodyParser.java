package dev.llmcost.agent.provider;

import dev.llmcost.agent.AgentLog;
import java.nio.ByteBuffer;

/** Parses a plain JSON response body (or Gemini's JSON-array stream) as its bytes arrive. */
final class JsonBodyParser implements ResponseParser {
  private final ResponseReader reader;
  private final JsonScanner scanner;
  private boolean ended;

  JsonBodyParser(ResponseReader reader) {
    this.reader = reader;
    this.scanner = new JsonScanner(reader.paths(), reader);
  }

  @Override
  public void onBytes(ByteBuffer bytes) {
    if (ended) {
      return;
    }
    try {
      scanner.feed(bytes);
      afterScan();
    } catch (Exception e) {
      reader.info.malformed = true;
      AgentLog.failure("JSON response parsing", e);
    }
  }

  @Override
  public void onEnd() {
    if (ended) {
      return;
    }
    ended = true;
    try {
      scanner.end();
      afterScan();
    } catch (Exception e) {
      reader.info.malformed = true;
      AgentLog.failure("JSON response parsing", e);
    }
  }

  private void afterScan() {
    if (scanner.isMalformed()) {
      reader.info.malformed = true;
    }
    if (scanner.isComplete() && !reader.info.complete) {
      reader.endBody();
    }
    reader.publishUsage();
  }

  @Override
  public ResponseInfo info() {
    return reader.info;
  }
}
