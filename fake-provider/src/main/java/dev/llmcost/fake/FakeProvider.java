package dev.llmcost.fake;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * An in-process LLM provider on 127.0.0.1 and an ephemeral port, speaking the real wire formats
 * over real HTTP/1.1 sockets: OpenAI ({@code /v1/chat/completions}, {@code /v1/responses},
 * {@code /v1/embeddings}, {@code /v1/completions}), Anthropic ({@code /v1/messages}) and Gemini
 * ({@code /v1beta/models/{m}:generateContent}, {@code :streamGenerateContent[?alt=sse]},
 * {@code :embedContent}, {@code :batchEmbedContents}, which report no tokens, as Gemini's do). Routes
 * match on the path's end, so Azure-style prefixes work too. The Batch APIs complete at once
 * (see {@link Batches}). Answers echo the request's model and
 * report the {@link Behaviour}'s {@link FakeUsage}.
 *
 * <p>It records every request, every connection (with the moment the client closed it) and the
 * peak number of requests in flight, so tests can prove what an instrumented JVM did on the wire.
 *
 * <pre>{@code
 * try (FakeProvider provider = FakeProvider.start()) {
 *   provider.setDefaultBehaviour(Behaviour.normal().withUsage(FakeUsage.of(100, 20).withCacheRead(40)));
 *   provider.enqueue(Behaviour.normal().withStatus(429));    // the next request only
 *   ... point the app at provider.openAiBaseUrl() ...
 *   provider.awaitRequests(2, Duration.ofSeconds(5));
 *   provider.awaitAllConnectionsClosed(Duration.ofSeconds(5));
 * }
 * }</pre>
 */
public final class FakeProvider implements AutoCloseable {

  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final ServerSocket serverSocket;
  private final ExecutorService threads;
  private final Object lock = new Object();
  private final List<FakeConnection> connections = new ArrayList<>();
  private final List<ExchangeState> exchanges = new ArrayList<>();
  private final Deque<Behaviour> queued = new ArrayDeque<>();
  private final List<Throwable> failures = new ArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final Batches batches = new Batches();
  private volatile Behaviour defaultBehaviour;
  private volatile boolean stopped;
  private int nextSequence;
  private int nextConnectionId;

  private FakeProvider(Behaviour defaultBehaviour) throws IOException {
    this.defaultBehaviour = defaultBehaviour;
    this.serverSocket = new ServerSocket();
    // Room for a burst of a thousand connects (LoadAndLeaksIT opens 1,000 at once): with a
    // backlog of 200, one connection in a few runs came back empty ("header parser received no
    // bytes") and the application saw a failed call that no real provider's front end would cause.
    serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    int instance = INSTANCES.incrementAndGet();
    AtomicInteger threadNumber = new AtomicInteger();
    ThreadFactory factory = r -> {
      Thread t = new Thread(r, "fake-provider-" + instance + "-" + threadNumber.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    this.threads = Executors.newCachedThreadPool(factory);
    threads.execute(this::acceptLoop);
  }

  /** Starts a provider answering {@link Behaviour#normal()}. */
  public static FakeProvider start() {
    return start(Behaviour.normal());
  }

  public static FakeProvider start(Behaviour defaultBehaviour) {
    try {
      return new FakeProvider(defaultBehaviour);
    } catch (IOException e) {
      throw new IllegalStateException("cannot bind 127.0.0.1", e);
    }
  }

  public int port() {
    return serverSocket.getLocalPort();
  }

  /** {@code http://127.0.0.1:PORT}: the Anthropic and Gemini base URL. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** {@code http://127.0.0.1:PORT/v1}: what OpenAI clients take as base URL. */
  public String openAiBaseUrl() {
    return baseUrl() + "/v1";
  }

  public URI uri(String pathAndQuery) {
    return URI.create(baseUrl() + pathAndQuery);
  }

  // ---- behaviour -------------------------------------------------------------------------------

  public Behaviour defaultBehaviour() {
    return defaultBehaviour;
  }

  /** How every request is answered unless a queued behaviour or the request's header says otherwise. */
  public void setDefaultBehaviour(Behaviour behaviour) {
    this.defaultBehaviour = behaviour;
  }

  /** Shortcut: the default behaviour with this usage. */
  public void setUsage(FakeUsage usage) {
    this.defaultBehaviour = defaultBehaviour.withUsage(usage);
  }

  /** One-shot behaviours for the next requests, in arrival order (e.g. a 429, then a success). */
  public void enqueue(Behaviour... oneShots) {
    synchronized (lock) {
      queued.addAll(List.of(oneShots));
    }
  }

  // ---- records ---------------------------------------------------------------------------------

  public List<RecordedRequest> requests() {
    synchronized (lock) {
      return exchanges.stream().map(e -> e.request).toList();
    }
  }

  public List<Exchange> exchanges() {
    synchronized (lock) {
      return exchanges.stream().map(ExchangeState::snapshot).toList();
    }
  }

  public List<ConnectionRecord> connections() {
    synchronized (lock) {
      return connections.stream().map(FakeConnection::snapshot).toList();
    }
  }

  public int openConnections() {
    return (int) connections().stream().filter(ConnectionRecord::isOpen).count();
  }

  /** Requests read but not yet fully answered (or abandoned). */
  public int inFlightRequests() {
    return inFlight.get();
  }

  /** The most requests that were in flight at the same moment. */
  public int maxConcurrentRequests() {
    return maxInFlight.get();
  }

  /** Errors inside the provider itself (a bug in the harness, not in the code under test). */
  public List<Throwable> failures() {
    synchronized (lock) {
      return List.copyOf(failures);
    }
  }

  /**
   * Forgets every recorded exchange (an answer still being written finishes unrecorded), closed
   * connections, queued behaviours, failures and the concurrency peak. Open connections stay listed.
   */
  public void clear() {
    synchronized (lock) {
      exchanges.clear();
      connections.removeIf(c -> !c.snapshot().isOpen());
      queued.clear();
      failures.clear();
      maxInFlight.set(inFlight.get());
    }
  }

  /**
   * Waits until no request is in flight. A client can hold a whole answer a moment before the
   * provider has settled it, so wait for this before asserting on counters.
   */
  public void awaitIdle(Duration timeout) {
    if (!Eventually.holds(timeout, () -> inFlight.get() == 0)) {
      throw new AssertionError(inFlight.get() + " requests still in flight after " + timeout + ": " + exchanges());
    }
  }

  /** Waits for at least {@code count} requests; returns all recorded so far. */
  public List<RecordedRequest> awaitRequests(int count, Duration timeout) {
    if (!Eventually.holds(timeout, () -> requests().size() >= count)) {
      throw new AssertionError("expected " + count + " requests within " + timeout + ", got " + requests());
    }
    return requests();
  }

  /** Waits for an exchange that matches, e.g. {@code e -> e.outcome() == CLIENT_DISCONNECTED}. */
  public Exchange awaitExchange(Predicate<Exchange> condition, Duration timeout) {
    Exchange[] found = new Exchange[1];
    boolean ok = Eventually.holds(timeout, () -> {
      for (Exchange e : exchanges()) {
        if (condition.test(e)) {
          found[0] = e;
          return true;
        }
      }
      return false;
    });
    if (!ok) {
      throw new AssertionError("no matching exchange within " + timeout + "; exchanges: " + exchanges());
    }
    return found[0];
  }

  /** Waits until the connection with this id (see {@link RecordedRequest#connectionId()}) is closed. */
  public ConnectionRecord awaitConnectionClosed(int connectionId, Duration timeout) {
    boolean ok = Eventually.holds(timeout,
        () -> connections().stream().anyMatch(c -> c.id() == connectionId && !c.isOpen()));
    if (!ok) {
      throw new AssertionError("connection " + connectionId + " still open after " + timeout + ": " + connections());
    }
    return connections().stream().filter(c -> c.id() == connectionId).findFirst().orElseThrow();
  }

  /** Waits until no connection is open; returns them all (each with its close time). */
  public List<ConnectionRecord> awaitAllConnectionsClosed(Duration timeout) {
    if (!Eventually.holds(timeout, () -> openConnections() == 0)) {
      throw new AssertionError("connections still open after " + timeout + ": " + connections());
    }
    return connections();
  }

  // ---- serving ---------------------------------------------------------------------------------

  private void acceptLoop() {
    while (!stopped) {
      try {
        Socket socket = serverSocket.accept();
        FakeConnection connection;
        synchronized (lock) {
          connection = new FakeConnection(nextConnectionId++, socket, this);
          connections.add(connection);
        }
        connection.start(threads);
      } catch (IOException e) {
        if (!stopped) {
          reportFailure(e);
        }
      } catch (RuntimeException e) {
        if (!stopped) {
          reportFailure(e); // e.g. the pool refused work while stopping
        }
      }
    }
  }

  ExchangeState record(FakeConnection connection, HttpRequestReader.Parsed parsed) {
    long now = System.nanoTime();
    synchronized (lock) {
      RecordedRequest request = new RecordedRequest(nextSequence++, connection.id, parsed.method(),
          parsed.target(), parsed.headers(), parsed.body(), now);
      Behaviour behaviour = queued.isEmpty() ? defaultBehaviour : queued.poll();
      String spec = request.header(Behaviour.HEADER);
      if (spec != null) {
        try {
          behaviour = behaviour.overriddenBy(spec);
        } catch (IllegalArgumentException e) {
          failures.add(e);
          behaviour = behaviour.withStatus(400);
        }
      }
      ExchangeState ex = new ExchangeState(request, behaviour, parsed.wantsClose(), inFlight::decrementAndGet);
      exchanges.add(ex);
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      return ex;
    }
  }

  /** Answers one request; true if the connection may carry another. */
  boolean answer(ExchangeState ex, FakeConnection connection) {
    RecordedRequest request = ex.request;
    Behaviour b = ex.behaviour;
    boolean batch = Batches.handles(request);
    WireFormat format = "POST".equals(request.method()) && !batch ? route(request.path()) : null;
    ProviderErrors errors = batch ? Batches.errors(request)
        : format != null ? format.errors() : errorsFor(request.path());
    AnswerWriter writer = new AnswerWriter(connection, ex);
    if (errors.requestIdHeader() != null) {
      writer.header(errors.requestIdHeader(), String.format("req_fake%06d", request.sequence()));
    }
    if (b.hang()) {
      return writer.hang();
    }
    if (!writer.delayHeaders()) {
      return false;
    }
    JsonNode body = request.json();
    String model = format != null ? format.model(request, body) : body.path("model").asText("unknown-model");
    String json = errors == ProviderErrors.GEMINI ? "application/json; charset=UTF-8" : "application/json";
    if (batch && !b.isError()) {
      Batches.Answer answer = batches.answer(request, b);
      if (answer != null) {
        return writer.json(answer.status(), answer.contentType(), answer.body());
      }
    }
    if (format == null && !(batch && b.isError())) {
      return writer.json(404, json, errors.body(404, model, request.method() + " " + request.path()));
    }
    if (b.isError()) {
      if (ProviderErrors.sendsRetryAfter(b.status())) {
        writer.header("retry-after", Integer.toString(b.retryAfterSeconds()));
      }
      if (b.status() == 429) {
        rateLimitHeaders(writer, errors, b.retryAfterSeconds());
      }
      return writer.json(b.status(), json, errors.body(b.status(), model, request.method() + " " + request.path()));
    }
    ReplyContext context = new ReplyContext(request, body, model, b.usage(), b.chunks());
    if (format.streams(request, body)) {
      return writer.stream(format.stream(context));
    }
    return writer.json(200, json, format.json(context));
  }

  private static void rateLimitHeaders(AnswerWriter writer, ProviderErrors errors, int resetSeconds) {
    if (errors == ProviderErrors.OPENAI) {
      writer.header("x-ratelimit-limit-requests", "3")
          .header("x-ratelimit-remaining-requests", "0")
          .header("x-ratelimit-reset-requests", resetSeconds + "s");
    } else if (errors == ProviderErrors.ANTHROPIC) {
      writer.header("anthropic-ratelimit-requests-limit", "50")
          .header("anthropic-ratelimit-requests-remaining", "0");
    }
  }

  static WireFormat route(String path) {
    if (path.endsWith("/chat/completions")) {
      return new OpenAiChatFormat();
    }
    if (path.endsWith("/completions")) {
      return new OpenAiCompletionsFormat();
    }
    if (path.endsWith("/responses")) {
      return new OpenAiResponsesFormat();
    }
    if (path.endsWith("/embeddings")) {
      return new OpenAiEmbeddingsFormat();
    }
    if (path.endsWith("/messages")) {
      return new AnthropicMessagesFormat();
    }
    if (path.contains("/models/") && (path.endsWith(":generateContent") || path.endsWith(":streamGenerateContent"))) {
      return new GeminiFormat();
    }
    if (path.contains("/models/") && (path.endsWith(":embedContent") || path.endsWith(":batchEmbedContents"))) {
      return new GeminiEmbeddingsFormat();
    }
    return null;
  }

  private static ProviderErrors errorsFor(String path) {
    if (path.contains("/models/") && path.contains(":")) {
      return ProviderErrors.GEMINI;
    }
    return path.endsWith("/messages") ? ProviderErrors.ANTHROPIC : ProviderErrors.OPENAI;
  }

  void reportFailure(Throwable t) {
    synchronized (lock) {
      failures.add(t);
    }
  }

  /** Stops accepting, closes every connection (settling open answers as SERVER_STOPPED), and joins its threads. */
  @Override
  public void close() {
    stopped = true;
    try {
      serverSocket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    List<FakeConnection> all;
    synchronized (lock) {
      all = List.copyOf(connections);
    }
    all.forEach(FakeConnection::stop);
    threads.shutdownNow();
    try {
      threads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
