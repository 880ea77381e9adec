package dev.llmcost.fake;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads HTTP/1.1 requests off a socket stream: request line, headers, and a body framed by
 * {@code Content-Length} or chunked transfer coding. Written by hand (instead of the JDK
 * HttpServer) so the provider owns the socket: it can see the client leave, count connections and
 * reset them on purpose.
 */
final class HttpRequestReader {

  /** A parsed request before it is recorded. */
  record Parsed(String method, String target, String version, Map<String, List<String>> headers, byte[] body) {

    String header(String name) {
      List<String> v = headers.get(name);
      return v == null || v.isEmpty() ? null : v.get(0);
    }

    boolean wantsClose() {
      String connection = header("connection");
      if (connection != null && connection.toLowerCase(Locale.ROOT).contains("close")) {
        return true;
      }
      return "HTTP/1.0".equals(version) && (connection == null || !connection.toLowerCase(Locale.ROOT).contains("keep-alive"));
    }
  }

  private static final int MAX_LINE = 16 * 1024;
  private static final int MAX_HEADERS = 200;
  private static final int MAX_BODY = 32 * 1024 * 1024;

  private final InputStream in;
  private final Runnable sendContinue;

  /** @param sendContinue writes the interim {@code 100 Continue} a client that sent {@code Expect} waits for */
  HttpRequestReader(InputStream in, Runnable sendContinue) {
    this.in = in;
    this.sendContinue = sendContinue;
  }

  /** The next request, or null when the client closed the connection between requests. */
  Parsed next() throws IOException {
    String requestLine = readLine(true);
    while (requestLine != null && requestLine.isEmpty()) {
      requestLine = readLine(true); // tolerate stray CRLF between requests (RFC 9112 2.2)
    }
    if (requestLine == null) {
      return null;
    }
    String[] parts = requestLine.split(" ");
    if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
      throw new ProtocolException("bad request line: " + requestLine);
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 0; ; i++) {
      if (i > MAX_HEADERS) {
        throw new ProtocolException("too many headers");
      }
      String line = readLine(false);
      if (line.isEmpty()) {
        break;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new ProtocolException("bad header line: " + line);
      }
      String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      headers.computeIfAbsent(name, k -> new ArrayList<>()).add(line.substring(colon + 1).trim());
    }
    Map<String, List<String>> frozen = new LinkedHashMap<>();
    headers.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
    Parsed head = new Parsed(parts[0], parts[1], parts[2], Collections.unmodifiableMap(frozen), new byte[0]);

    String expect = head.header("expect");
    if (expect != null && expect.equalsIgnoreCase("100-continue")) {
      sendContinue.run();
    }
    return new Parsed(head.method(), head.target(), head.version(), head.headers(), readBody(head));
  }

  private byte[] readBody(Parsed head) throws IOException {
    String te = head.header("transfer-encoding");
    if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
      return readChunked();
    }
    String cl = head.header("content-length");
    if (cl == null) {
      return new byte[0];
    }
    long length = Long.parseLong(cl.trim());
    if (length < 0 || length > MAX_BODY) {
      throw new ProtocolException("bad content-length " + length);
    }
    byte[] body = in.readNBytes((int) length);
    if (body.length != length) {
      throw new EOFException("body ended early");
    }
    return body;
  }

  private byte[] readChunked() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine(false);
      int semi = sizeLine.indexOf(';');
      int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
      if (size == 0) {
        while (!readLine(false).isEmpty()) {
          // trailers are read and ignored
        }
        return body.toByteArray();
      }
      if (body.size() + size > MAX_BODY) {
        throw new ProtocolException("body too large");
      }
      byte[] chunk = in.readNBytes(size);
      if (chunk.length != size) {
        throw new EOFException("chunk ended early");
      }
      body.write(chunk);
      if (!readLine(false).isEmpty()) {
        throw new ProtocolException("missing CRLF after chunk");
      }
    }
  }

  /** A CRLF- (or LF-) terminated ISO-8859-1 line; null on EOF before the first byte if allowed. */
  private String readLine(boolean eofAllowed) throws IOException {
    StringBuilder line = new StringBuilder();
    while (true) {
      int c = in.read();
      if (c < 0) {
        if (eofAllowed && line.length() == 0) {
          return null;
        }
        throw new EOFException("connection ended inside a request");
      }
      if (c == '\n') {
        int n = line.length();
        if (n > 0 && line.charAt(n - 1) == '\r') {
          line.setLength(n - 1);
        }
        return line.toString();
      }
      if (line.length() >= MAX_LINE) {
        throw new ProtocolException("line too long");
      }
      line.append((char) c);
    }
  }
}
