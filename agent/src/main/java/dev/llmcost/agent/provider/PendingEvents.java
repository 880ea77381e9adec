package dev.llmcost.agent.provider;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * SSE events kept unread: their raw data, in order, up to a cap on the bytes held. Text deltas
 * wait here; most streams end with their usage and the text is never needed.
 */
final class PendingEvents {
  /**
   * Past this a stream's events are read as they come, the waiting ones first: about 200 chunks,
   * a bound on what each stream in flight holds (its raw events are three to four times its text).
   */
  static final int MAX_BYTES = 64 * 1024;

  interface Reader {
    /** @param outputAt how much output text the stream had when the event was put aside */
    void read(String event, byte[] data, int start, int length, int outputAt);
  }

  private final List<String> names = new ArrayList<>();
  private int[] ends = new int[16];
  private int[] outputAts = new int[16];
  private byte[] bytes = new byte[1024];
  private int size;

  /** False (nothing kept) when the event would take the bytes held past {@link #MAX_BYTES}. */
  boolean add(String event, byte[] data, int start, int length, int outputAt) {
    if (size + length > MAX_BYTES) {
      return false;
    }
    if (size + length > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.min(MAX_BYTES, Math.max(bytes.length * 2, size + length)));
    }
    System.arraycopy(data, start, bytes, size, length);
    size += length;
    if (names.size() == ends.length) {
      ends = Arrays.copyOf(ends, ends.length * 2);
      outputAts = Arrays.copyOf(outputAts, ends.length);
    }
    ends[names.size()] = size;
    outputAts[names.size()] = outputAt;
    names.add(event);
    return true;
  }

  boolean isEmpty() {
    return names.isEmpty();
  }

  /** Hands every kept event to {@code reader}, in order, then forgets them. */
  void drainTo(Reader reader) {
    int start = 0;
    for (int i = 0; i < names.size(); i++) {
      reader.read(names.get(i), bytes, start, ends[i] - start, outputAts[i]);
      start = ends[i];
    }
    names.clear();
    size = 0;
  }
}
