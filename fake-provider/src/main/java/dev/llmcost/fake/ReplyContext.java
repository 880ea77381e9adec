package dev.llmcost.fake;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a {@link WireFormat} needs to build one answer: the request's model and body, the usage to
 * report, and the number of content chunks. Text and ids are derived from the request's sequence
 * number, so a test can predict them ({@code chatcmpl-fake000003} for the fourth request).
 */
record ReplyContext(RecordedRequest request, JsonNode body, String model, FakeUsage usage, int chunks) {

  /** Epoch seconds; fixed so answers are byte-for-byte reproducible. */
  static final long CREATED = 1_763_856_000L;

  String id(String prefix) {
    return prefix + String.format("fake%06d", request.sequence());
  }

  /** The i-th content delta: {@code "fake0"}, {@code " fake1"}, ... */
  static String deltaText(int i) {
    return (i == 0 ? "" : " ") + "fake" + i;
  }

  /** The concatenation of the first {@code n} deltas. */
  static String text(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(deltaText(i));
    }
    return sb.toString();
  }
}
