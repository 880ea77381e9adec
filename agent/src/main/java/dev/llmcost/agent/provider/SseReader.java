package dev.llmcost.agent.provider;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Incremental Server-Sent Events parser following the WHATWG "event stream interpretation": lines
 * end in LF, CRLF or CR (a CRLF may straddle two chunks), {@code event:} names the event,
 * {@code data:} lines are joined with LF, lines starting with {@code :} are comments, a blank line
 * dispatches. {@code id:} and {@code retry:} are accepted and ignored.
 *
 * <p>An event is held only until its blank line. One larger than the limit is dropped whole and
 * counted in {@link #droppedEvents()} instead of being buffered without end. An event left
 * unfinished when the stream ends is discarded, as the spec says.
 */
public final class SseReader {

  /** Receives each dispatched event. */
  public interface Handler {
    /**
     * @param event the {@code event:} field, or null when there was none (the spec's "message")
     * @param data the joined data lines; only {@code data[0..length)} is valid, and only during the call
     */
    void onEvent(String event, byte[] data, int length);
  }

  public static final int DEFAULT_MAX_EVENT_BYTES = 8 << 20;
  // Buffers grown past this by one big event are given back after it is dispatched.
  private static final int RETAINED_BUFFER_BYTES = 64 << 10;
  private static final byte[] FIELD_DATA = {'d', 'a', 't', 'a'};
  private static final byte[] FIELD_EVENT = {'e', 'v', 'e', 'n', 't'};
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;
  private static final long LF = '\n' * ONES;
  private static final long CR = '\r' * ONES;

  private final Handler handler;
  private final BufferRanges ranges = new BufferRanges();
  private final int maxEventBytes;

  private byte[] line = new byte[256];
  private int lineLength;
  private byte[] data = new byte[1024];
  private int dataLength;
  private boolean hasData;
  private String eventName;
  private String lastEventName;

  private boolean afterCarriageReturn;
  private boolean lineStarted;
  private boolean firstLine = true;
  private boolean dropping;
  private int droppedEvents;

  public SseReader(Handler handler) {
    this(handler, DEFAULT_MAX_EVENT_BYTES);
  }

  public SseReader(Handler handler, int maxEventBytes) {
    this.handler = handler;
    this.maxEventBytes = Math.max(16, maxEventBytes);
  }

  /** Reads the buffer's remaining bytes without moving its position. */
  public void feed(ByteBuffer bytes) {
    if (bytes == null) {
      return;
    }
    ranges.read(bytes, this::feed);
  }

  public void feed(byte[] bytes, int offset, int length) {
    int end = offset + length;
    int i = offset;
    while (i < end) {
      if (afterCarriageReturn || dropping) {
        feedByte(bytes[i++]); // the rare states byte by byte
        continue;
      }
      // The common case in bulk: the run of bytes up to the end of the line, copied at once.
      int lineEnd = lineEnd(bytes, i, end);
      if (lineEnd > i) {
        appendToLine(bytes, i, lineEnd - i);
      }
      if (lineEnd < end) {
        feedByte(bytes[lineEnd]);
      }
      i = lineEnd + 1;
    }
  }

  /**
   * The index of the first LF or CR in {@code bytes[from..end)}, else {@code end}. Eight bytes at a
   * time: a byte equal to LF (or CR) is a zero byte of the word XOR LF (or CR), and the lowest
   * zero byte of a word is found exactly by the borrow trick (a byte loop was half the time spent
   * reading a stream's events).
   */
  static int lineEnd(byte[] bytes, int from, int end) {
    int i = from;
    for (; i + Long.BYTES <= end; i += Long.BYTES) {
      long word = (long) LONGS.get(bytes, i);
      long found = (zeroBytes(word ^ LF) | zeroBytes(word ^ CR));
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    while (i < end && bytes[i] != '\n' && bytes[i] != '\r') {
      i++;
    }
    return i;
  }

  /** The high bit of each zero byte of {@code x} up to and including its lowest one (higher ones may be false). */
  private static long zeroBytes(long x) {
    return (x - ONES) & ~x & HIGH_BITS;
  }

  /** As {@link #feedByte} for each byte of a run without line ends, copying in blocks. */
  private void appendToLine(byte[] bytes, int from, int count) {
    lineStarted = true;
    while (count > 0 && !dropping) {
      if (lineLength == line.length) {
        if (lineLength + dataLength >= maxEventBytes) {
          startDropping();
          return;
        }
        line = Arrays.copyOf(line, Math.min(line.length * 2, maxEventBytes));
      }
      int n = Math.min(count, line.length - lineLength);
      System.arraycopy(bytes, from, line, lineLength, n);
      lineLength += n;
      from += n;
      count -= n;
    }
  }

  /** How many events were dropped for exceeding the size limit. */
  public int droppedEvents() {
    return droppedEvents;
  }

  /** True when bytes of an unfinished event are pending (the stream was cut mid-event if it ends now). */
  public boolean hasPartialEvent() {
    return lineStarted || hasData || eventName != null || dropping;
  }

  private void feedByte(byte b) {
    if (afterCarriageReturn) {
      afterCarriageReturn = false;
      if (b == '\n') {
        return; // the LF of a CRLF whose CR ended the line already
      }
    }
    if (b == '\n' || b == '\r') {
      afterCarriageReturn = b == '\r';
      endOfLine();
      return;
    }
    lineStarted = true;
    if (dropping) {
      return;
    }
    if (lineLength == line.length) {
      if (lineLength + dataLength >= maxEventBytes) {
        startDropping();
        return;
      }
      line = Arrays.copyOf(line, Math.min(line.length * 2, maxEventBytes));
    }
    line[lineLength++] = b;
  }

  private void endOfLine() {
    int start = 0;
    if (firstLine) {
      firstLine = false;
      if (lineLength >= 3 && line[0] == (byte) 0xEF && line[1] == (byte) 0xBB && line[2] == (byte) 0xBF) {
        start = 3; // a UTF-8 byte order mark before the first line is not part of it
      }
    }
    // While dropping, line bytes are not kept, so only lineStarted tells a blank line apart.
    boolean blank = dropping ? !lineStarted : lineLength - start == 0;
    lineStarted = false;
    if (blank) {
      dispatch();
      return;
    }
    if (!dropping) {
      processField(start);
    }
    lineLength = 0;
  }

  private void processField(int start) {
    if (line[start] == ':') {
      return; // comment, e.g. ": OPENROUTER PROCESSING" keep-alives
    }
    int colon = start;
    while (colon < lineLength && line[colon] != ':') {
      colon++;
    }
    int valueStart = colon < lineLength ? colon + 1 : lineLength;
    if (valueStart < lineLength && line[valueStart] == ' ') {
      valueStart++;
    }
    int nameLength = colon - start;
    if (fieldIs(FIELD_DATA, start, nameLength)) {
      appendData(valueStart);
    } else if (fieldIs(FIELD_EVENT, start, nameLength)) {
      // An empty name means the default type, same as no event: line.
      eventName = valueStart == lineLength ? null : eventName(valueStart, lineLength - valueStart);
    }
  }

  private void appendData(int valueStart) {
    int valueLength = lineLength - valueStart;
    int needed = dataLength + (hasData ? 1 : 0) + valueLength;
    if (needed > maxEventBytes) {
      startDropping();
      return;
    }
    if (needed > data.length) {
      data = Arrays.copyOf(data, Math.min(Math.max(needed, data.length * 2), maxEventBytes));
    }
    if (hasData) {
      data[dataLength++] = '\n';
    }
    System.arraycopy(line, valueStart, data, dataLength, valueLength);
    dataLength += valueLength;
    hasData = true;
  }

  private void startDropping() {
    if (!dropping) {
      dropping = true;
      droppedEvents++;
    }
    lineLength = 0;
    dataLength = 0;
    hasData = false;
    shrinkBuffers();
  }

  private void dispatch() {
    boolean wasDropping = dropping;
    dropping = false;
    lineLength = 0;
    String name = eventName;
    eventName = null;
    if (hasData && !wasDropping) {
      hasData = false;
      int length = dataLength;
      dataLength = 0;
      handler.onEvent(name, data, length);
    }
    hasData = false;
    dataLength = 0;
    shrinkBuffers();
  }

  private void shrinkBuffers() {
    if (data.length > RETAINED_BUFFER_BYTES) {
      data = new byte[1024];
    }
    if (line.length > RETAINED_BUFFER_BYTES && lineLength == 0) {
      line = new byte[256];
    }
  }

  private boolean fieldIs(byte[] name, int start, int length) {
    if (length != name.length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (line[start + i] != name[i]) {
        return false;
      }
    }
    return true;
  }

  // Streams repeat a handful of event names; reuse the last String instead of decoding each time.
  private String eventName(int start, int length) {
    String last = lastEventName;
    if (last != null && last.length() == length) {
      boolean same = true;
      for (int i = 0; i < length && same; i++) {
        same = line[start + i] == last.charAt(i);
      }
      if (same) {
        return last;
      }
    }
    lastEventName = new String(line, start, length, StandardCharsets.UTF_8);
    return lastEventName;
  }
}
