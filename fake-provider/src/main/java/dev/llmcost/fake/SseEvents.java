package dev.llmcost.fake;

import java.util.ArrayList;
import java.util.List;

/** Splits a server-sent-events body into events, for assertions on what a stream carried. */
public final class SseEvents {

  /** One event: its {@code event:} type ("" when absent) and its joined {@code data:} lines. */
  public record SseEvent(String event, String data) {
  }

  private SseEvents() {
  }

  /** Parses per the SSE spec's line rules: LF, CR or CRLF line ends, blank line ends an event. */
  public static List<SseEvent> parse(String body) {
    List<SseEvent> events = new ArrayList<>();
    String type = "";
    StringBuilder data = null;
    for (String line : body.split("\r\n|\r|\n", -1)) {
      if (line.isEmpty()) {
        if (data != null) {
          events.add(new SseEvent(type, data.toString()));
        }
        type = "";
        data = null;
      } else if (line.startsWith(":")) {
        continue; // comment
      } else {
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
          value = value.substring(1);
        }
        if (field.equals("event")) {
          type = value;
        } else if (field.equals("data")) {
          data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
        }
      }
    }
    return events;
  }
}
