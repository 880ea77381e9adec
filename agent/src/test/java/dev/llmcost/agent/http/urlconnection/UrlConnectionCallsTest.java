package dev.llmcost.agent.http.urlconnection;

import dev.llmcost.agent.context.ApplicationContext;
import java.util.Set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.agent.call.AbandonWatcher;
import dev.llmcost.agent.call.CallRecord;
import dev.llmcost.agent.call.CallSites;
import dev.llmcost.agent.call.CallTracker;
import dev.llmcost.agent.call.Outcome;
import dev.llmcost.agent.http.TransportCalls;
import dev.llmcost.agent.provider.Endpoints;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.WeakReference;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The hooks driven as the JDK's getOutputStream/getInputStream/disconnect would call them. */
class UrlConnectionCallsTest {
  private static final String REQUEST = "{\"model\":\"gpt-4o-mini\",\"messages\":[]}";
  private static final String ANSWER = "{\"id\":\"c1\",\"model\":\"gpt-4o-mini\",\"choices\":[],"
      + "\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":4,\"total_tokens\":15}}";

  private final List<CallRecord> settled = new CopyOnWriteArrayList<>();
  private final UrlConnectionCalls hooks = new UrlConnectionCalls(new TransportCalls(
      new CallTracker(Endpoints.defaults(), settled::add, new CallSites(), new AbandonWatcher(), 1 << 20, false, new ApplicationContext(Set.of()))));

  @Test
  void theBodyWrittenAndTheAnswerReadMakeOneConsumedCall() throws IOException {
    FakeConnection c = new FakeConnection(200, ANSWER);
    OutputStream out = (OutputStream) hooks.outputStream(c, c.requestBody);
    assertSame(out, hooks.outputStream(c, c.requestBody), "the same stream on every call");
    out.write(REQUEST.getBytes(StandardCharsets.UTF_8));

    Object token = hooks.beforeInputStream(c);
    InputStream in = (InputStream) hooks.inputStream(c, token, c.responseBody, null);
    assertSame(in, hooks.inputStream(c, hooks.beforeInputStream(c), c.responseBody, null));
    assertEquals(ANSWER, new String(in.readAllBytes(), StandardCharsets.UTF_8));

    assertEquals(REQUEST, c.requestBody.toString(StandardCharsets.UTF_8));
    assertEquals(1, settled.size());
    assertEquals(Outcome.CONSUMED, settled.get(0).outcome());
    assertEquals("gpt-4o-mini", settled.get(0).request().model());
    assertEquals(11, settled.get(0).response().usage.inputTokens());
  }

  /** After following a redirect the connection's URL names where the JDK went, no LLM path. */
  @Test
  void aRedirectedConnectionKeepsItsCall() throws IOException {
    FakeConnection c = new FakeConnection(200, ANSWER);
    ((OutputStream) hooks.outputStream(c, c.requestBody)).write(REQUEST.getBytes(StandardCharsets.UTF_8));
    Object token = hooks.beforeInputStream(c); // getResponseCode(): the call starts
    c.redirectTo("https://gateway.example/chat");
    InputStream in = (InputStream) hooks.inputStream(c, hooks.beforeInputStream(c), c.responseBody, null);
    assertEquals(ANSWER, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    assertEquals(1, settled.size(), "the body was seen: " + token);
    assertEquals(11, settled.get(0).response().usage.inputTokens());
  }

  @Test
  void anErrorAnswerFailsTheCallAtOnceWhetherOrNotItsBodyIsRead() {
    FakeConnection c = new FakeConnection(429, "{\"error\":{}}");
    Object token = hooks.beforeInputStream(c);
    hooks.inputStream(c, token, null, new IOException("Server returned HTTP response code: 429"));
    assertEquals(Outcome.FAILED, settled.get(0).outcome());
    assertEquals(429, settled.get(0).statusCode());
  }

  @Test
  void disconnectingMidBodyClosesTheStreamEarly() throws IOException {
    FakeConnection c = new FakeConnection(200, ANSWER);
    InputStream in = (InputStream) hooks.inputStream(c, hooks.beforeInputStream(c), c.responseBody, null);
    in.read(new byte[10]);
    hooks.disconnect(c);
    assertEquals(Outcome.STREAM_CLOSED_EARLY, settled.get(0).outcome());
  }

  @Test
  void otherRequestsAreLeftAlone() throws IOException {
    FakeConnection get = new FakeConnection(200, ANSWER);
    get.setRequestMethod("GET");
    assertSame(get.requestBody, hooks.outputStream(get, get.requestBody));
    assertNull(hooks.beforeInputStream(get));
  }

  @Test
  void aConnectionTheApplicationDroppedIsNotKeptAliveByTheAgent() throws IOException {
    WeakReference<HttpURLConnection> dropped = useAndDrop();
    for (int i = 0; i < 20 && dropped.get() != null; i++) {
      System.gc();
    }
    assertNull(dropped.get(), "the agent holds no strong reference to a connection");
  }

  private WeakReference<HttpURLConnection> useAndDrop() throws IOException {
    FakeConnection c = new FakeConnection(200, ANSWER);
    ((OutputStream) hooks.outputStream(c, c.requestBody)).write(REQUEST.getBytes(StandardCharsets.UTF_8));
    InputStream in = (InputStream) hooks.inputStream(c, hooks.beforeInputStream(c), c.responseBody, null);
    in.read(new byte[4]); // unfinished: the call stays in flight
    assertTrue(settled.isEmpty());
    return new WeakReference<>(c);
  }

  /** Its streams hold the connection, as the JDK's inner-class streams do. */
  private static final class FakeConnection extends HttpURLConnection {
    final ByteArrayOutputStream requestBody = new OwnedOutput(this);
    final InputStream responseBody;
    private final int status;

    FakeConnection(int status, String answer) {
      super(url());
      this.status = status;
      this.responseBody = new OwnedInput(this, answer.getBytes(StandardCharsets.UTF_8));
      this.method = "POST";
    }

    void redirectTo(String location) throws IOException {
      url = new URL(location);
    }

    private static URL url() {
      try {
        return new URL("https://api.openai.com/v1/chat/completions");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public int getResponseCode() {
      return status;
    }

    @Override
    public String getContentType() {
      return "application/json";
    }

    @Override
    public String getContentEncoding() {
      return null;
    }

    @Override
    public long getContentLengthLong() {
      return -1;
    }

    @Override
    public void disconnect() {
    }

    @Override
    public boolean usingProxy() {
      return false;
    }

    @Override
    public void connect() {
    }
  }

  private static final class OwnedOutput extends ByteArrayOutputStream {
    @SuppressWarnings("unused")
    private final HttpURLConnection owner;

    OwnedOutput(HttpURLConnection owner) {
      this.owner = owner;
    }
  }

  private static final class OwnedInput extends ByteArrayInputStream {
    @SuppressWarnings("unused")
    private final HttpURLConnection owner;

    OwnedInput(HttpURLConnection owner, byte[] body) {
      super(body);
      this.owner = owner;
    }
  }
}
