package dev.llmcost.fake;

import dev.llmcost.fake.Exchange.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Writes one answer on a {@link FakeConnection}, applying the {@link Behaviour}'s faults (gzip,
 * malformed JSON, chunk delays, a mid-answer reset, an endless stream). Every method returns
 * whether the connection can serve another request.
 */
final class AnswerWriter {

  /** Long enough for any test, short enough that a forgotten hang cannot outlive a build. */
  private static final Duration MAX_HANG = Duration.ofMinutes(5);

  private final FakeConnection conn;
  private final ExchangeState ex;
  private final Behaviour b;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private final boolean closeAfter;

  AnswerWriter(FakeConnection conn, ExchangeState ex) {
    this.conn = conn;
    this.ex = ex;
    this.b = ex.behaviour;
    this.closeAfter = ex.closeAfter;
  }

  AnswerWriter header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  /** Never answers: waits for the client to leave or the server to stop, who settle the outcome. */
  boolean hang() {
    conn.pause(MAX_HANG);
    return false;
  }

  /** Waits before the status line; false if the client left meanwhile. */
  boolean delayHeaders() {
    return conn.pause(b.headerDelay());
  }

  /** Events no provider documents, sent between real ones under {@code unknown-events}. */
  static final List<String> UNKNOWN_EVENTS = List.of(
      ": keep-alive\n\n",
      "event: fake.telemetry\ndata: {\"weird\":[1,{\"x\":null}],\"usage\":\"not-a-number\"}\n\n",
      "data: not json at all\n\n",
      "id: 7\nretry: 1000\n\n");

  boolean json(int status, String contentType, String body) {
    if (b.padBytes() > 0 && status < 300 && !b.gzip()) {
      return paddedJson(status, contentType, body);
    }
    byte[] bytes = b.empty() && status < 300 ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    if (b.malformed() && status < 300) {
      bytes = Arrays.copyOf(bytes, bytes.length / 2); // valid HTTP, broken JSON
    }
    if (b.gzip()) {
      bytes = gzip(bytes);
    }
    OutputStream out = conn.out();
    try {
      head(out, status, contentType, "content-length: " + bytes.length);
      if (b.dropAfterEvents() >= 0) {
        out.write(bytes, 0, bytes.length / 2);
        return drop(out);
      }
      out.write(bytes);
      out.flush();
      ex.eventSent();
      ex.settle(Outcome.COMPLETED, System.nanoTime());
      return !closeAfter;
    } catch (IOException e) {
      return clientVanished();
    }
  }

  /** The JSON answer with an {@code x_padding} field of {@code pad} bytes first, written in slices. */
  private boolean paddedJson(int status, String contentType, String body) {
    byte[] prefix = "{\"x_padding\":\"".getBytes(StandardCharsets.UTF_8);
    byte[] suffix = ("\"," + body.substring(body.indexOf('{') + 1)).getBytes(StandardCharsets.UTF_8);
    byte[] slice = new byte[64 * 1024];
    Arrays.fill(slice, (byte) 'a');
    OutputStream out = conn.out();
    try {
      head(out, status, contentType, "content-length: " + (prefix.length + b.padBytes() + suffix.length));
      out.write(prefix);
      for (long left = b.padBytes(); left > 0; left -= slice.length) {
        out.write(slice, 0, (int) Math.min(slice.length, left));
      }
      out.write(suffix);
      out.flush();
      ex.eventSent();
      ex.settle(Outcome.COMPLETED, System.nanoTime());
      return !closeAfter;
    } catch (IOException e) {
      return clientVanished();
    }
  }

  boolean stream(StreamPlan plan) {
    OutputStream socketOut = conn.out();
    try {
      head(socketOut, 200, plan.contentType(), "transfer-encoding: chunked");
      ChunkedOutputStream chunked = new ChunkedOutputStream(socketOut);
      if (b.empty()) {
        chunked.finish();
        ex.settle(Outcome.COMPLETED, System.nanoTime());
        return !closeAfter;
      }
      // syncFlush: each event leaves compressed at once instead of waiting for a full deflate block.
      OutputStream body = b.gzip() ? new GZIPOutputStream(chunked, 512, true) : chunked;
      int malformedDelta = b.malformed() ? b.chunks() / 2 : -1;
      int[] sent = {0};
      for (String frame : plan.opening()) {
        if (!send(body, socketOut, frame, sent)) {
          return false;
        }
      }
      int deltas = 0;
      for (; b.endless() || deltas < b.chunks(); deltas++) {
        String frame = plan.delta().apply(deltas);
        if (!send(body, socketOut, deltas == malformedDelta ? corrupt(frame) : frame, sent)) {
          return false;
        }
        if (b.unknownEvents()) {
          body.write(UNKNOWN_EVENTS.get(deltas % UNKNOWN_EVENTS.size()).getBytes(StandardCharsets.UTF_8));
        }
      }
      for (String frame : plan.closing().apply(deltas)) {
        if (!send(body, socketOut, frame, sent)) {
          return false;
        }
      }
      if (body instanceof GZIPOutputStream gz) {
        gz.finish();
      }
      chunked.finish();
      ex.settle(Outcome.COMPLETED, System.nanoTime());
      return !closeAfter;
    } catch (IOException e) {
      return clientVanished();
    }
  }

  /** Writes one frame unless the plan says to reset first or the client is gone; false to stop. */
  private boolean send(OutputStream body, OutputStream socketOut, String frame, int[] sent) throws IOException {
    if (b.dropAfterEvents() >= 0 && sent[0] >= b.dropAfterEvents()) {
      body.flush();
      return drop(socketOut);
    }
    Duration delay = sent[0] == 0 ? Duration.ZERO : b.effectiveChunkDelay();
    if (!conn.pause(delay)) {
      return false; // the reader or stop() has settled the outcome
    }
    if (b.cutAfterEvents() >= 0 && sent[0] >= b.cutAfterEvents()) {
      byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
      body.write(bytes, 0, bytes.length / 2); // the reset comes in the middle of an event
      body.flush();
      return drop(socketOut);
    }
    body.write(frame.getBytes(StandardCharsets.UTF_8));
    body.flush();
    ex.eventSent();
    sent[0]++;
    return true;
  }

  private boolean drop(OutputStream socketOut) throws IOException {
    socketOut.flush();
    ex.settle(Outcome.DROPPED, System.nanoTime());
    conn.closeFromServer(true);
    return false;
  }

  private boolean clientVanished() {
    // A reset can reach the writer before the reader: the first to see it settles the outcome.
    ex.settle(Outcome.CLIENT_DISCONNECTED, System.nanoTime());
    return false;
  }

  private void head(OutputStream out, int status, String contentType, String framing) throws IOException {
    if (b.interimStatus() != 0) {
      out.write(("HTTP/1.1 " + b.interimStatus() + " " + reason(b.interimStatus())
          + "\r\nlink: </style.css>; rel=preload; as=style\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }
    StringBuilder h = new StringBuilder()
        .append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n")
        .append("date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC))).append("\r\n")
        .append("content-type: ").append(contentType).append("\r\n")
        .append(framing).append("\r\n");
    if (b.gzip()) {
      h.append("content-encoding: gzip\r\n");
    }
    if (contentType.startsWith("text/event-stream")) {
      h.append("cache-control: no-cache\r\n");
    }
    headers.forEach((k, v) -> h.append(k).append(": ").append(v).append("\r\n"));
    h.append("connection: ").append(closeAfter ? "close" : "keep-alive").append("\r\n\r\n");
    out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    ex.statusSent(status);
  }

  /** Cuts the JSON in a frame in half, keeping the frame's SSE framing intact. */
  static String corrupt(String frame) {
    int start = frame.indexOf('{');
    int end = frame.lastIndexOf('}');
    if (start < 0 || end <= start) {
      return frame;
    }
    return frame.substring(0, start + (end - start) / 2) + frame.substring(end + 1);
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(buf)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return buf.toByteArray();
  }

  private static String reason(int status) {
    return switch (status) {
      case 100 -> "Continue";
      case 102 -> "Processing";
      case 103 -> "Early Hints";
      case 200 -> "OK";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 408 -> "Request Timeout";
      case 413 -> "Payload Too Large";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      case 529 -> "Overloaded";
      default -> "Status " + status;
    };
  }

}
