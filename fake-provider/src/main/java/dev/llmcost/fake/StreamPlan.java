package dev.llmcost.fake;

import java.util.List;
import java.util.function.IntFunction;

/**
 * A streamed answer as wire frames: fixed opening frames, the i-th content delta frame, and the
 * closing frames once {@code n} deltas were sent (closing frames repeat the text and usage, so they
 * depend on {@code n}). An endless stream is the opening plus deltas until the client leaves.
 */
record StreamPlan(String contentType, List<String> opening, IntFunction<String> delta, IntFunction<List<String>> closing) {

  static final String SSE = "text/event-stream; charset=utf-8";
}
