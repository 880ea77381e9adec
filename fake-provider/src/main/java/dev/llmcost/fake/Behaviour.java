package dev.llmcost.fake;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * How a {@link FakeProvider} answers one request: the usage it reports, how many content chunks a
 * stream carries, and which fault (if any) it injects.
 *
 * <p>Set per server ({@link FakeProvider#setDefaultBehaviour}), queue one-shot behaviours
 * ({@link FakeProvider#enqueue}), or override per request with the {@value #HEADER} header,
 * for example {@code x-fake-behaviour: status=429; retry-after=0} or
 * {@code x-fake-behaviour: chunks=5; chunk-delay=50ms; drop-after=3}. Header keys (usage keys
 * replace the whole usage, see {@link #overriddenBy}):
 * {@code input, output, cache-read, cache-write, cache-write-1h, reasoning, chunks, header-delay,
 * chunk-delay, status, retry-after, drop-after, hang, endless, malformed, gzip, empty,
 * unknown-events, cut-after, pad, interim}.
 *
 * @param usage             reported token usage
 * @param chunks            content deltas in a streamed answer (at least 1)
 * @param headerDelay       pause before the status line is sent
 * @param chunkDelay        pause before each streamed event
 * @param status            HTTP status; anything but 2xx answers with the provider's real error body
 * @param retryAfterSeconds value of {@code retry-after} on 429, 503 and 529 answers
 * @param dropAfterEvents   reset the connection after this many stream events (for a JSON answer: after
 *                          the headers and half the body); -1 never
 * @param hang              read the request, then never answer (until the client leaves or the server stops)
 * @param endless           stream content deltas until the client disconnects
 * @param malformed         200 with a body (or one stream event) that is not valid JSON
 * @param gzip              {@code Content-Encoding: gzip} regardless of {@code Accept-Encoding}
 * @param empty             200 with an empty body (no JSON, no stream event)
 * @param unknownEvents     a stream also carries events, comments and data lines no provider documents
 * @param cutAfterEvents    after this many stream events, send half of the next one and reset; -1 never
 * @param padBytes          a JSON answer carries this many extra bytes (an {@code x_padding} string field)
 * @param interimStatus     a 1xx interim response (e.g. 103 Early Hints) before the real one; 0 none
 */
public record Behaviour(
    FakeUsage usage,
    int chunks,
    Duration headerDelay,
    Duration chunkDelay,
    int status,
    int retryAfterSeconds,
    int dropAfterEvents,
    boolean hang,
    boolean endless,
    boolean malformed,
    boolean gzip,
    boolean empty,
    boolean unknownEvents,
    int cutAfterEvents,
    long padBytes,
    int interimStatus) {

  public static final String HEADER = "x-fake-behaviour";

  /** An endless stream with no chunk delay would spin; this keeps it a trickle. */
  static final Duration ENDLESS_MIN_CHUNK_DELAY = Duration.ofMillis(10);

  public Behaviour {
    if (usage == null || headerDelay == null || chunkDelay == null) {
      throw new IllegalArgumentException("usage and delays are required");
    }
    if (chunks < 1) {
      throw new IllegalArgumentException("chunks must be >= 1");
    }
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("bad status " + status);
    }
  }

  /** A prompt 200 answer: 12 input tokens, 5 output tokens, 3 stream chunks. */
  public static Behaviour normal() {
    return new Behaviour(FakeUsage.of(12, 5), 3, Duration.ZERO, Duration.ZERO, 200, 1, -1,
        false, false, false, false, false, false, -1, 0, 0);
  }

  public Behaviour withUsage(FakeUsage u) {
    return new Behaviour(u, chunks, headerDelay, chunkDelay, status, retryAfterSeconds, dropAfterEvents, hang, endless, malformed, gzip, empty, unknownEvents, cutAfterEvents, padBytes, interimStatus);
  }

  public Behaviour withChunks(int n) {
    return new Behaviour(usage, n, headerDelay, chunkDelay, status, retryAfterSeconds, dropAfterEvents, hang, endless, malformed, gzip, empty, unknownEvents, cutAfterEvents, padBytes, interimStatus);
  }

  public Behaviour withHeaderDelay(Duration d) {
    return new Behaviour(usage, chunks, d, chunkDelay, status, retryAfterSeconds, dropAfterEvents, hang, endless, malformed, gzip, empty, unknownEvents, cutAfterEvents, padBytes, interimStatus);
  }

  public Behaviour withChunkDelay(Duration d) {
    return new Behaviour(usage, chunks, headerDelay, d, status, retryAfterSeconds, dropAfterEvents, hang, endless, malformed, gzip, empty, unknownEvents, cutAfterEvents, padBytes, interimStatus);
  }

  /** Delay before the headers and before every streamed event. */
  public Behaviour slow(Duration beforeHeaders, Duration betweenChunks) {
    return withHeaderDelay(beforeHeaders).withChunkDelay(betweenChunks);
  }

  public Behaviour withStatus(int s) {
    return new Behaviour(usage, chunks, headerDelay, chunkDelay, s, retryAfterSeconds, dropAfterEvents, hang, endless, malformed, gzip, empty, unknownEvents, cutAfterEvents, padBytes, interimStatus);
  }

  public Behaviour withRetryAfterSeconds(int seconds) {
    return new Behaviour(usage, chunks, headerDelay, chunkDelay, status, seconds, dropAfterEvents, hang, endless, malformed, gzip, empty, unknownEvents, cutAfterEvents, padBytes, interimStatus);
  }

  public Behaviour droppingAfter(int events) {
    return new Behaviour(usage, chunks, headerDelay, chunkDelay, status, retryAfterSeconds, events, hang, endless, malformed, gzip, empty, unknownEvents, cutAfterEvents, padBytes, interimStatus);
  }

  public Behaviour hanging() {
    return new Behaviour(usage, chunks, headerDelay, chunkDelay, status, retryAfterSeconds, dropAfterEvents, true, endless, malformed, gzip, empty, unknownEvents, cutAfterEvents, padBytes, interimStatus);
  }

  public Behaviour endlessStream() {
    return new Behaviour(usage, chunks, headerDelay, chunkDelay, status, retryAfterSeconds, dropAfterEvents, hang, true, malformed, gzip, empty, unknownEvents, cutAfterEvents, padBytes, interimStatus);
  }

  public Behaviour malformedJson() {
    return new Behaviour(usage, chunks, headerDelay, chunkDelay, status, retryAfterSeconds, dropAfterEvents, hang, endless, true, gzip, empty, unknownEvents, cutAfterEvents, padBytes, interimStatus);
  }

  public Behaviour gzipped() {
    return new Behaviour(usage, chunks, headerDelay, chunkDelay, status, retryAfterSeconds, dropAfterEvents, hang, endless, malformed, true, empty, unknownEvents, cutAfterEvents, padBytes, interimStatus);
  }

  public Behaviour emptyBody() {
    return new Behaviour(usage, chunks, headerDelay, chunkDelay, status, retryAfterSeconds, dropAfterEvents, hang, endless, malformed, gzip, true, unknownEvents, cutAfterEvents, padBytes, interimStatus);
  }

  public Behaviour withUnknownEvents() {
    return new Behaviour(usage, chunks, headerDelay, chunkDelay, status, retryAfterSeconds, dropAfterEvents, hang, endless, malformed, gzip, empty, true, cutAfterEvents, padBytes, interimStatus);
  }

  public Behaviour cutAfter(int events) {
    return new Behaviour(usage, chunks, headerDelay, chunkDelay, status, retryAfterSeconds, dropAfterEvents, hang, endless, malformed, gzip, empty, unknownEvents, events, padBytes, interimStatus);
  }

  public Behaviour paddedBy(long bytes) {
    return new Behaviour(usage, chunks, headerDelay, chunkDelay, status, retryAfterSeconds, dropAfterEvents, hang, endless, malformed, gzip, empty, unknownEvents, cutAfterEvents, bytes, interimStatus);
  }

  public Behaviour withInterim(int status1xx) {
    if (status1xx != 0 && (status1xx < 100 || status1xx > 199 || status1xx == 101)) {
      throw new IllegalArgumentException("not an interim status: " + status1xx);
    }
    return new Behaviour(usage, chunks, headerDelay, chunkDelay, status, retryAfterSeconds, dropAfterEvents, hang, endless, malformed, gzip, empty, unknownEvents, cutAfterEvents, padBytes, status1xx);
  }

  boolean isError() {
    return status >= 300;
  }

  Duration effectiveChunkDelay() {
    if (endless && chunkDelay.compareTo(ENDLESS_MIN_CHUNK_DELAY) < 0) {
      return ENDLESS_MIN_CHUNK_DELAY;
    }
    return chunkDelay;
  }

  /**
   * This behaviour with the overrides of an {@value #HEADER} header value applied. A header that
   * names any usage key replaces the whole usage: the figures it does not name are 0.
   */
  public Behaviour overriddenBy(String spec) {
    Behaviour b = this;
    int[] u = null; // input, output, cache-read, cache-write, cache-write-1h, reasoning
    for (String item : spec.split("[;,]")) {
      String token = item.trim();
      if (token.isEmpty()) {
        continue;
      }
      int eq = token.indexOf('=');
      String key = (eq < 0 ? token : token.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
      String value = eq < 0 ? "" : token.substring(eq + 1).trim();
      int usageIndex = USAGE_KEYS.indexOf(key);
      if (usageIndex >= 0) {
        if (u == null) {
          u = new int[USAGE_KEYS.size()];
        }
        u[usageIndex] = Integer.parseInt(value);
        continue;
      }
      switch (key) {
        case "chunks" -> b = b.withChunks(Integer.parseInt(value));
        case "header-delay" -> b = b.withHeaderDelay(parseDuration(value));
        case "chunk-delay" -> b = b.withChunkDelay(parseDuration(value));
        case "status" -> b = b.withStatus(Integer.parseInt(value));
        case "retry-after" -> b = b.withRetryAfterSeconds(Integer.parseInt(value));
        case "drop-after" -> b = b.droppingAfter(Integer.parseInt(value));
        case "hang" -> b = b.hanging();
        case "endless" -> b = b.endlessStream();
        case "malformed" -> b = b.malformedJson();
        case "gzip" -> b = b.gzipped();
        case "empty" -> b = b.emptyBody();
        case "unknown-events" -> b = b.withUnknownEvents();
        case "cut-after" -> b = b.cutAfter(Integer.parseInt(value));
        case "pad" -> b = b.paddedBy(parseBytes(value));
        case "interim" -> b = b.withInterim(Integer.parseInt(value));
        default -> throw new IllegalArgumentException("unknown " + HEADER + " key: " + key);
      }
    }
    return u == null ? b : b.withUsage(new FakeUsage(u[0], u[1], u[2], u[3], u[4], u[5]));
  }

  private static final List<String> USAGE_KEYS =
      List.of("input", "output", "cache-read", "cache-write", "cache-write-1h", "reasoning");

  /** {@code 512}, {@code 64KB}, {@code 50MB}. */
  static long parseBytes(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT);
    if (t.endsWith("MB")) {
      return Long.parseLong(t.substring(0, t.length() - 2).trim()) << 20;
    }
    if (t.endsWith("KB")) {
      return Long.parseLong(t.substring(0, t.length() - 2).trim()) << 10;
    }
    return Long.parseLong(t);
  }

  /** {@code 250ms}, {@code 2s}, or a bare number of milliseconds. */
  static Duration parseDuration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
    }
    if (t.endsWith("s")) {
      return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1).trim()) * 1000));
    }
    return Duration.ofMillis(Long.parseLong(t));
  }
}
