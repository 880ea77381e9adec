package dev.llmcost.it.apps;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * Calls a provider with {@code java.net.HttpURLConnection} the way hand-written integrations do and
 * prints {@code ### <scenario> <status>} then what it received. Every line is the same with and
 * without the agent. Usage: {@code UrlConnectionApp <base-url>}.
 */
public final class UrlConnectionApp {
  private static String base;

  public static void main(String[] args) throws Exception {
    base = args[0];
    printWhole("openai-json", open("/v1/chat/completions", LlmBodies.openAi(false), null, Mode.BUFFERED));
    printWhole("anthropic-json", open("/v1/messages", LlmBodies.anthropic(false), null, Mode.FIXED_LENGTH));
    printWhole("openai-sse", open("/v1/chat/completions", LlmBodies.openAi(true), null, Mode.CHUNKED));
    printWhole("anthropic-sse", open("/v1/messages", LlmBodies.anthropic(true), null, Mode.BUFFERED));
    closeEarly();
    disconnectMidStream();
    printWhole("openai-429", open("/v1/chat/completions", LlmBodies.openAi(false), "status=429; retry-after=0", Mode.BUFFERED));
    printWhole("anthropic-500", open("/v1/messages", LlmBodies.anthropic(false), "status=500", Mode.BUFFERED));
    dropped();
    closedUnread();
    statusOnly();
    for (int i = 0; i < 5; i++) {
      System.gc(); // the connection statusOnly let go of, and the JDK's response stream with it
      Thread.sleep(100);
    }
    printWhole("not-llm", open("/v1/files", LlmBodies.notLlm(), null, Mode.BUFFERED));
    System.out.println("### done");
  }

  private enum Mode { BUFFERED, FIXED_LENGTH, CHUNKED }

  /** Writes the request; the response is asked for by the caller. */
  private static HttpURLConnection open(String path, String json, String fakeBehaviour, Mode mode)
      throws IOException {
    HttpURLConnection c = (HttpURLConnection) new URL(base + path).openConnection();
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    c.setRequestProperty("content-type", "application/json");
    c.setRequestProperty("authorization", "Bearer sk-test-urlconnection");
    c.setRequestProperty("x-api-key", "sk-ant-test-urlconnection");
    c.setRequestProperty("anthropic-version", "2023-06-01");
    if (fakeBehaviour != null) {
      c.setRequestProperty("x-fake-behaviour", fakeBehaviour);
    }
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    if (mode == Mode.FIXED_LENGTH) {
      c.setFixedLengthStreamingMode(body.length);
    } else if (mode == Mode.CHUNKED) {
      c.setChunkedStreamingMode(16);
    }
    try (OutputStream out = c.getOutputStream()) {
      out.write(body);
    }
    return c;
  }

  /** Status first, then the body or the error body, read to its end and closed. */
  private static void printWhole(String name, HttpURLConnection c) throws IOException {
    int status = c.getResponseCode();
    System.out.println("### " + name + " " + status);
    try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
      System.out.println(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  /** Reads the status, does other work while the answer arrives, then closes the body unread. */
  private static void closedUnread() throws IOException, InterruptedException {
    HttpURLConnection c = open("/v1/chat/completions", LlmBodies.openAi(false), null, Mode.BUFFERED);
    System.out.println("### openai-json-closed-unread " + c.getResponseCode());
    Thread.sleep(200);
    c.getInputStream().close();
  }

  /** Asks for the status only and lets the connection go, its body never read nor closed. */
  private static void statusOnly() throws IOException {
    HttpURLConnection c = open("/v1/chat/completions", LlmBodies.openAi(false), null, Mode.BUFFERED);
    System.out.println("### openai-json-status-only " + c.getResponseCode());
  }

  /** Reads three events of an endless stream, then closes it (the JDK drops the connection). */
  private static void closeEarly() throws IOException {
    HttpURLConnection c = open("/v1/chat/completions", LlmBodies.openAi(true), "endless; chunk-delay=10ms", Mode.BUFFERED);
    System.out.println("### openai-sse-closed-early " + c.getResponseCode());
    BufferedReader reader = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8));
    printEvents(reader, 3);
    reader.close();
  }

  /** Reads two events of an endless stream, then disconnects. */
  private static void disconnectMidStream() throws IOException {
    HttpURLConnection c = open("/v1/messages", LlmBodies.anthropic(true), "endless; chunk-delay=20ms", Mode.BUFFERED);
    System.out.println("### anthropic-sse-disconnected " + c.getResponseCode());
    BufferedReader reader = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8));
    printEvents(reader, 2);
    c.disconnect();
  }

  /** The provider resets the connection after three events (the reset may overtake them). */
  private static void dropped() {
    System.out.println("### openai-sse-dropped");
    try {
      HttpURLConnection c = open("/v1/chat/completions", LlmBodies.openAi(true), "drop-after=3", Mode.BUFFERED);
      try (InputStream in = c.getInputStream()) {
        in.readAllBytes();
      }
      System.out.println("read to the end");
    } catch (IOException e) {
      System.out.println("failed");
    }
  }

  private static void printEvents(BufferedReader reader, int events) throws IOException {
    int seen = 0;
    String line;
    while (seen < events && (line = reader.readLine()) != null) {
      if (line.startsWith("data:")) {
        System.out.println(line);
        seen++;
      }
    }
  }
}
