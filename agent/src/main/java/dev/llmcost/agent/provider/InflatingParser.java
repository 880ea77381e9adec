package dev.llmcost.agent.provider;

import dev.llmcost.agent.AgentLog;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates a gzip or deflate body chunk by chunk and passes the plain bytes on, so a compressed
 * body is never held whole. The gzip header and trailer are walked here (concatenated members
 * included); "deflate" accepts both the zlib wrapping HTTP specifies and the raw stream some
 * servers send. Corrupt data marks the response malformed and the rest is ignored.
 */
final class InflatingParser implements ResponseParser {
  private static final int OUTPUT_CHUNK = 16 << 10;
  private static final int FEXTRA = 4;
  private static final int FNAME = 8;
  private static final int FCOMMENT = 16;
  private static final int FHCRC = 2;

  private enum State { GZIP_HEADER, GZIP_EXTRA_LENGTH, GZIP_SKIP, GZIP_ZERO_TERMINATED, GZIP_TRAILER,
    GZIP_MEMBER_END, DEFLATE_DETECT, BODY, DONE, FAILED }

  private final ResponseParser body;
  private final boolean gzip;
  private Inflater inflater;
  private byte[] output;
  private State state;

  private final byte[] header = new byte[10];
  private int headerLength;
  private int pendingFlags;
  private int toSkip;
  private boolean ended;

  InflatingParser(ResponseParser body, boolean gzip) {
    this.body = body;
    this.gzip = gzip;
    this.state = gzip ? State.GZIP_HEADER : State.DEFLATE_DETECT;
  }

  @Override
  public void onBytes(ByteBuffer bytes) {
    if (bytes == null || ended) {
      return;
    }
    ByteBuffer in = bytes.duplicate(); // the Inflater advances its input's position
    try {
      while (in.hasRemaining() && state != State.DONE && state != State.FAILED) {
        step(in);
      }
    } catch (DataFormatException | RuntimeException e) {
      fail();
      if (e instanceof RuntimeException) {
        AgentLog.failure("Content-Encoding inflation", e);
      }
    }
  }

  private void step(ByteBuffer in) throws DataFormatException {
    switch (state) {
      case GZIP_HEADER -> {
        header[headerLength++] = in.get();
        if (headerLength == header.length) {
          if (header[0] != (byte) 0x1f || header[1] != (byte) 0x8b || header[2] != 8) {
            fail();
            return;
          }
          pendingFlags = header[3] & (FEXTRA | FNAME | FCOMMENT | FHCRC);
          headerLength = 0;
          nextHeaderPart();
        }
      }
      case GZIP_EXTRA_LENGTH -> {
        header[headerLength++] = in.get();
        if (headerLength == 2) {
          toSkip = (header[0] & 0xff) | (header[1] & 0xff) << 8;
          headerLength = 0;
          state = State.GZIP_SKIP;
          if (toSkip == 0) {
            nextHeaderPart();
          }
        }
      }
      case GZIP_SKIP, GZIP_TRAILER -> {
        int n = Math.min(toSkip, in.remaining());
        in.position(in.position() + n);
        toSkip -= n;
        if (toSkip == 0) {
          if (state == State.GZIP_SKIP) {
            nextHeaderPart();
          } else {
            state = State.GZIP_MEMBER_END;
          }
        }
      }
      case GZIP_ZERO_TERMINATED -> {
        if (in.get() == 0) {
          nextHeaderPart();
        }
      }
      case GZIP_MEMBER_END -> {
        // Another member may follow (concatenated gzip); anything else is trailing padding.
        if (in.get(in.position()) == (byte) 0x1f) {
          state = State.GZIP_HEADER;
        } else {
          state = State.DONE;
        }
      }
      case DEFLATE_DETECT -> {
        header[headerLength++] = in.get();
        if (headerLength == 2) {
          int cmf = header[0] & 0xff;
          boolean zlib = (cmf & 0x0f) == 8 && ((cmf << 8) | (header[1] & 0xff)) % 31 == 0;
          startInflating(!zlib);
          inflater.setInput(header, 0, 2);
          inflateAvailable();
        }
      }
      case BODY -> {
        inflater.setInput(in);
        inflateAvailable();
      }
      default -> in.position(in.limit());
    }
  }

  private void nextHeaderPart() {
    if ((pendingFlags & FEXTRA) != 0) {
      pendingFlags &= ~FEXTRA;
      state = State.GZIP_EXTRA_LENGTH;
    } else if ((pendingFlags & FNAME) != 0) {
      pendingFlags &= ~FNAME;
      state = State.GZIP_ZERO_TERMINATED;
    } else if ((pendingFlags & FCOMMENT) != 0) {
      pendingFlags &= ~FCOMMENT;
      state = State.GZIP_ZERO_TERMINATED;
    } else if ((pendingFlags & FHCRC) != 0) {
      pendingFlags &= ~FHCRC;
      toSkip = 2;
      state = State.GZIP_SKIP;
    } else {
      startInflating(true);
    }
  }

  private void startInflating(boolean raw) {
    if (inflater == null) {
      inflater = new Inflater(raw);
      output = new byte[OUTPUT_CHUNK];
    } else {
      inflater.reset();
    }
    state = State.BODY;
  }

  private void inflateAvailable() throws DataFormatException {
    while (true) {
      int n = inflater.inflate(output);
      if (n > 0) {
        body.onBytes(ByteBuffer.wrap(output, 0, n));
      }
      if (inflater.finished()) {
        if (gzip) {
          toSkip = 8; // CRC32 and size; the JSON/SSE parsers notice damaged content themselves
          state = State.GZIP_TRAILER;
        } else {
          state = State.DONE;
        }
        return;
      }
      if (n == 0) {
        if (inflater.needsDictionary()) {
          fail();
        }
        return; // needs more input
      }
    }
  }

  private void fail() {
    state = State.FAILED;
    body.info().malformed = true;
  }

  @Override
  public void onEnd() {
    if (ended) {
      return;
    }
    ended = true;
    if (inflater != null) {
      inflater.end();
    }
    body.onEnd();
  }

  @Override
  public ResponseInfo info() {
    return body.info();
  }
}
