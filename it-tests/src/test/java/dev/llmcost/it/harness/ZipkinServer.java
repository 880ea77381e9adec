package dev.llmcost.it.harness;

import dev.llmcost.fake.Eventually;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real, unmodified Zipkin server (its published {@code exec} jar) in its own process on
 * 127.0.0.1 and a free port, with its in-memory storage. The it-tests pom resolves the jar and
 * hands its path over in {@value #JAR_PROPERTY}. {@link #close()} always stops the process, and a
 * shutdown hook stops it if the test JVM exits first.
 *
 * <pre>{@code
 * try (ZipkinServer zipkin = ZipkinServer.start()) {
 *   AgentJvm.forMain(App.class).withAgent().env(zipkin.exporterEnvironment("my-service")).run();
 *   List<ZipkinSpan> spans = zipkin.api().awaitSpans("my-service", null, 3, Duration.ofSeconds(30));
 * }
 * }</pre>
 */
public final class ZipkinServer implements AutoCloseable {

  /** Set by the it-tests pom to the resolved {@code io.zipkin:zipkin-server:exec} jar. */
  public static final String JAR_PROPERTY = "llmcost.zipkin.server.jar";

  /** About 7 s on an idle 2-core machine; generous, because other test JVMs run beside it. */
  private static final Duration HEALTH_WAIT = Duration.ofSeconds(150);
  private static final Duration STOP_WAIT = Duration.ofSeconds(10);
  private static final int START_ATTEMPTS = 3;

  private static final List<String> JVM_ARGS = List.of(
      "-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData");
  private static final List<String> INHERITED_ENV = List.of("PATH", "HOME", "USER", "LANG", "LC_ALL", "TZ", "TMPDIR");

  private final Process process;
  private final int port;
  private final OutputCapture stdout;
  private final OutputCapture stderr;
  private final Thread killAtExit;

  private ZipkinServer(Process process, int port) {
    this.process = process;
    this.port = port;
    this.stdout = new OutputCapture(process.getInputStream(), "zipkin out", null);
    this.stderr = new OutputCapture(process.getErrorStream(), "zipkin err", null);
    this.killAtExit = new Thread(process::destroyForcibly, "kill-zipkin");
    Runtime.getRuntime().addShutdownHook(killAtExit);
  }

  /** Starts Zipkin and returns once its {@code /health} says UP; fails with its output otherwise. */
  public static ZipkinServer start() {
    Path jar = serverJar();
    List<String> failures = new ArrayList<>();
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      ZipkinServer server = launch(jar, freeLoopbackPort());
      if (server.awaitHealthy(HEALTH_WAIT)) {
        return server;
      }
      boolean portTaken = server.output().contains("Address already in use");
      failures.add("attempt " + attempt + " on port " + server.port + ":\n" + server.output());
      server.close();
      if (!portTaken) {
        break; // only a port someone else took between our probe and Zipkin's bind is worth a retry
      }
    }
    throw new AssertionError("Zipkin did not become healthy within " + HEALTH_WAIT + "\n"
        + String.join("\n", failures));
  }

  private static ZipkinServer launch(Path jar, int port) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Jdks.current().javaExecutable().toString());
    cmd.addAll(JVM_ARGS);
    cmd.add("-jar");
    cmd.add(jar.toString());
    // Loopback only: Armeria's port list replaces the default 0.0.0.0:9411 listener.
    cmd.add("--armeria.ports[0].ip=127.0.0.1");
    cmd.add("--armeria.ports[0].port=" + port);
    cmd.add("--armeria.ports[0].protocols[0]=http");
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> env = pb.environment();
    Map<String, String> inherited = new LinkedHashMap<>(env);
    env.clear(); // no stray STORAGE_TYPE, JAVA_TOOL_OPTIONS and the like from the build machine
    for (String name : INHERITED_ENV) {
      if (inherited.containsKey(name)) {
        env.put(name, inherited.get(name));
      }
    }
    env.put("STORAGE_TYPE", "mem");
    try {
      return new ZipkinServer(pb.start(), port);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + cmd, e);
    }
  }

  /** The jar the it-tests pom resolved. */
  static Path serverJar() {
    String configured = System.getProperty(JAR_PROPERTY, "");
    if (configured.isBlank() || configured.startsWith("${") || !Files.isRegularFile(Path.of(configured))) {
      throw new IllegalStateException("Zipkin server jar not found ('" + configured + "' in " + JAR_PROPERTY
          + "): run these tests through Maven, whose it-tests pom resolves io.zipkin:zipkin-server:exec");
    }
    return Path.of(configured);
  }

  private static int freeLoopbackPort() {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private boolean awaitHealthy(Duration timeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest health = HttpRequest.newBuilder(baseUri().resolve("/health"))
        .timeout(Duration.ofSeconds(5)).GET().build();
    // Ends early when the process dies (a port taken, a broken jar): no point waiting then.
    return Eventually.holds(timeout, () -> !process.isAlive() || isUp(http, health)) && process.isAlive();
  }

  /** One probe; a failed one waits a moment, so the poll stays gentle. */
  private static boolean isUp(HttpClient http, HttpRequest health) {
    try {
      HttpResponse<String> r = http.send(health, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 200 && r.body().contains("UP")) {
        return true;
      }
    } catch (IOException notListeningYet) {
      // fall through to the pause
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  public int port() {
    return port;
  }

  /** {@code http://127.0.0.1:PORT}: the UI, the query API and the collector. */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Where Zipkin takes spans (v2 JSON or proto3), as OTEL_EXPORTER_ZIPKIN_ENDPOINT wants it. */
  public String spansEndpoint() {
    return baseUri().resolve("/api/v2/spans").toString();
  }

  /**
   * The agent's settings for this server, as the README gives them, plus a short batch delay so
   * spans leave while the application runs rather than all in the exit flush.
   */
  public Map<String, String> exporterEnvironment(String serviceName) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("OTEL_SERVICE_NAME", serviceName);
    env.put("OTEL_TRACES_EXPORTER", "zipkin");
    env.put("OTEL_EXPORTER_ZIPKIN_ENDPOINT", spansEndpoint());
    env.put("OTEL_METRICS_EXPORTER", "none");
    env.put("OTEL_BSP_SCHEDULE_DELAY", "100");
    return env;
  }

  public ZipkinApi api() {
    return new ZipkinApi(baseUri());
  }

  /** Zipkin's output so far, for failure messages. */
  public String output() {
    return "--- zipkin stdout ---\n" + stdout.text() + "\n--- zipkin stderr ---\n" + stderr.text();
  }

  /** SIGTERM, then SIGKILL if it has not exited within 10 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(killAtExit);
    } catch (IllegalStateException alreadyExiting) {
      // the hook runs anyway
    }
  }
}
