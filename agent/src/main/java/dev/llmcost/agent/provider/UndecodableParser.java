package dev.llmcost.agent.provider;

import java.nio.ByteBuffer;

/** Stands in for a body in a Content-Encoding we cannot undo (br, zstd): malformed, bytes ignored. */
final class UndecodableParser implements ResponseParser {
  private final ResponseParser body;

  UndecodableParser(ResponseParser body) {
    this.body = body;
    body.info().malformed = true;
  }

  @Override
  public void onBytes(ByteBuffer bytes) {}

  @Override
  public void onEnd() {
    body.onEnd();
  }

  @Override
  public ResponseInfo info() {
    return body.info();
  }
}
