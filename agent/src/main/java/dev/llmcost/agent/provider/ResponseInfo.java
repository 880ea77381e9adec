package dev.llmcost.agent.provider;

import dev.llmcost.agent.usage.Usage;
import java.util.ArrayList;
import java.util.List;

/** What a response said, filled in by a {@link ResponseParser} as bytes arrive. */
public final class ResponseInfo {
  /** Cap on the output text kept for token estimation of streams that report no usage. */
  public static final int MAX_OUTPUT_TEXT = 1 << 20;
  /** OpenAI allows up to 128 choices a request. */
  static final int MAX_FINISH_REASONS = 128;

  public String id;
  public String model;
  public final List<String> finishReasons = new ArrayList<>(2);
  /** As reported by the provider, or null when it reported none. */
  public Usage usage;
  public String serviceTier;
  /** Provider error type from an error body or SSE error event (e.g. "rate_limit_error"). */
  public String errorType;
  /** True once the format's terminal marker arrived ([DONE], message_stop, response.completed, ...). */
  public boolean complete;
  /** True when some bytes could not be parsed (malformed JSON, broken SSE). */
  public boolean malformed;
  /** A batch results file's lines as priced so far; null for every other response. */
  public BatchResults batch;
  /** Output text seen so far (streams, and whole bodies under content capture), capped at {@link #MAX_OUTPUT_TEXT} chars. */
  public final StringBuilder outputText = new StringBuilder();

  /** Where {@link #appendOutput} puts text while events read late fill in earlier text; -1: at the end. */
  private int insertAt = -1;

  public void appendOutput(CharSequence text) {
    int room = MAX_OUTPUT_TEXT - outputText.length();
    if (room <= 0 || text == null) {
      return;
    }
    int n = Math.min(room, text.length());
    if (insertAt < 0) {
      outputText.append(text, 0, n);
    } else {
      outputText.insert(insertAt, text, 0, n);
      insertAt += n;
    }
  }

  /** Output text from now on goes at {@code index} (clipped to the text), or at the end for -1. */
  void insertOutputAt(int index) {
    insertAt = index < 0 ? -1 : Math.min(index, outputText.length());
  }

  /**
   * One choice's (candidate's) finish reason, in order: {@code n=3} choices that all stopped read
   * {@code [stop, stop, stop]}, as the conventions ask. Bounded, for a stream that repeats one.
   */
  public void addFinishReason(String reason) {
    if (reason != null && finishReasons.size() < MAX_FINISH_REASONS) {
      finishReasons.add(reason);
    }
  }

  /** The finish reason of an answer that has one (a message, a response): the last one wins. */
  public void setFinishReason(String reason) {
    if (reason != null) {
      finishReasons.clear();
      finishReasons.add(reason);
    }
  }
}
