package dev.llmcost.agent.provider;

import dev.llmcost.agent.AgentLog;
import java.nio.ByteBuffer;

/**
 * Parses a batch results file (JSON Lines) as its bytes arrive: each line is scanned on its own,
 * without ever holding a line or the file in memory, and added to {@link ResponseInfo#batch}.
 */
final class JsonLinesParser implements ResponseParser {
  private final boolean anthropic;
  private final ResponseInfo info = new ResponseInfo();
  private final BatchResults results = new BatchResults();
  private JsonScanner line;
  private BatchResultLine current;
  private boolean ended;
  /** The first line was no batch result: some other file, left unread from here on. */
  private boolean foreign;

  JsonLinesParser(boolean anthropic) {
    this.anthropic = anthropic;
    info.batch = results;
  }

  @Override
  public void onBytes(ByteBuffer bytes) {
    if (ended || foreign) {
      return;
    }
    try {
      int pos = bytes.position();
      int limit = bytes.limit();
      int start = pos;
      for (int i = pos; i < limit && !foreign; i++) {
        if (bytes.get(i) == '\n') {
          feed(bytes, start, i);
          endLine();
          start = i + 1;
        }
      }
      if (!foreign) {
        feed(bytes, start, limit);
      }
    } catch (Exception e) {
      info.malformed = true;
      AgentLog.failure("batch results parsing", e);
    }
  }

  private void feed(ByteBuffer bytes, int from, int to) {
    if (to <= from) {
      return;
    }
    if (line == null) {
      current = new BatchResultLine(anthropic);
      line = new JsonScanner(BatchResultLine.PATHS, current);
    }
    ByteBuffer slice = bytes.duplicate();
    slice.limit(to).position(from);
    line.feed(slice);
  }

  /** A line ended: count it if it was one whole JSON value (blank lines are skipped). */
  private boolean endLine() {
    if (line == null) {
      return true;
    }
    line.end();
    int before = results.billed() + results.notBilled();
    if (line.isComplete() && !line.isMalformed()) {
      current.addTo(results);
      info.usage = results.total();
      if (info.model == null) {
        info.model = results.firstModel();
      }
    } else if (line.isMalformed()) {
      info.malformed = true;
    }
    boolean whole = line.isComplete();
    foreign = before == 0 && results.billed() + results.notBilled() == 0;
    line = null;
    current = null;
    return whole;
  }

  @Override
  public void onEnd() {
    if (ended) {
      return;
    }
    ended = true;
    try {
      info.complete = endLine(); // the last line may come without a newline
    } catch (Exception e) {
      info.malformed = true;
      AgentLog.failure("batch results parsing", e);
    }
  }

  @Override
  public ResponseInfo info() {
    return info;
  }
}
