package dev.llmcost.it.harness;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Launches a separate JVM running one main class from the test sources, optionally with the built
 * agent as {@code -javaagent}. The child's class path holds only that class's directory plus the
 * libraries asked for; its environment starts empty but for PATH, HOME, locale and temp settings.
 *
 * <pre>{@code
 * JvmResult result = AgentJvm.forMain(ChatApp.class)
 *     .on(jdk)                                   // default: the JDK running the tests
 *     .withAgent()                               // agent/target/llm-cost-agent.jar
 *     .exportingTo(otlp)                         // OTEL_* pointing at the receiver
 *     .env("OPENAI_BASE_URL", provider.openAiBaseUrl())
 *     .withLibraryOf(com.fasterxml.jackson.databind.ObjectMapper.class)
 *     .args("chat", "gpt-4o-mini")
 *     .timeout(Duration.ofSeconds(20))
 *     .run()                                     // waits; kills on timeout
 *     .assertSuccess();
 * }</pre>
 */
public final class AgentJvm {

  /** Set by the it-tests pom; the fallback finds the jar from the module or the repository root. */
  public static final String AGENT_JAR_PROPERTY = "llmcost.agent.jar";

  /** {@code -Dllmcost.it.echo=true} copies every child's output to the test log as it arrives. */
  private static final String ECHO_PROPERTY = "llmcost.it.echo";

  /** Small and quick to start: these JVMs live for seconds, and the build machine has 2 cores. */
  private static final List<String> DEFAULT_JVM_ARGS = List.of(
      "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
      "-Dfile.encoding=UTF-8", "-Dstdout.encoding=UTF-8", "-Dstderr.encoding=UTF-8");

  /** The only parts of the test JVM's environment a child inherits. */
  private static final List<String> INHERITED_ENV = List.of("PATH", "HOME", "USER", "LANG", "LC_ALL", "TZ", "TMPDIR");

  private final Class<?> mainClass;
  private Jdk jdk = Jdks.current();
  private Path agentJar;
  private String agentArgs;
  private boolean defaultJvmArgs = true;
  private final List<String> jvmArgs = new ArrayList<>();
  private final Map<String, String> systemProperties = new LinkedHashMap<>();
  private final Map<String, String> env = new LinkedHashMap<>();
  private final Set<Path> classpath = new LinkedHashSet<>();
  private final List<String> args = new ArrayList<>();
  private Duration timeout = Duration.ofSeconds(30);
  private Path workingDirectory;

  private AgentJvm(Class<?> mainClass) {
    this.mainClass = mainClass;
    classpath.add(ChildClasspath.locationOf(mainClass));
  }

  /** A JVM that runs {@code mainClass}, whose class directory (or jar) starts the class path. */
  public static AgentJvm forMain(Class<?> mainClass) {
    return new AgentJvm(mainClass);
  }

  public AgentJvm on(Jdk jdk) {
    this.jdk = jdk;
    return this;
  }

  /** Attach the built agent jar with {@code -javaagent}. */
  public AgentJvm withAgent() {
    return withAgentJar(builtAgentJar(), null);
  }

  /** Attach the built agent with an argument string: {@code -javaagent:jar=ARGS}. */
  public AgentJvm withAgent(String args) {
    return withAgentJar(builtAgentJar(), args);
  }

  public AgentJvm withAgentJar(Path jar, String args) {
    this.agentJar = jar;
    this.agentArgs = args;
    return this;
  }

  public AgentJvm env(String name, String value) {
    env.put(name, value);
    return this;
  }

  public AgentJvm env(Map<String, String> vars) {
    env.putAll(vars);
    return this;
  }

  /** The receiver's OTLP settings, and a service name after the main class. */
  public AgentJvm exportingTo(OtlpReceiver receiver) {
    env.putAll(receiver.exporterEnvironment());
    env.putIfAbsent("OTEL_SERVICE_NAME", mainClass.getSimpleName());
    return this;
  }

  public AgentJvm systemProperty(String name, String value) {
    systemProperties.put(name, value);
    return this;
  }

  public AgentJvm jvmArgs(String... more) {
    jvmArgs.addAll(List.of(more));
    return this;
  }

  /** Drop the small-heap, quick-start defaults (e.g. for overhead benchmarks). */
  public AgentJvm withoutDefaultJvmArgs() {
    defaultJvmArgs = false;
    return this;
  }

  public AgentJvm args(String... more) {
    args.addAll(List.of(more));
    return this;
  }

  /** Adds the jar (or directory) each class comes from: a library the application ships. */
  public AgentJvm withLibraryOf(Class<?>... types) {
    for (Class<?> type : types) {
      classpath.add(ChildClasspath.locationOf(type));
    }
    return this;
  }

  /** Adds the test class path's jars whose names start with these prefixes, e.g. {@code "okhttp-", "okio-"}. */
  public AgentJvm withLibraries(String... jarNamePrefixes) {
    classpath.addAll(ChildClasspath.jarsNamed(jarNamePrefixes));
    return this;
  }

  public AgentJvm classpathEntry(Path entry) {
    classpath.add(entry);
    return this;
  }

  /** How long {@link #run()} waits before it kills the JVM; default 30 s. */
  public AgentJvm timeout(Duration d) {
    this.timeout = d;
    return this;
  }

  public AgentJvm workingDirectory(Path dir) {
    this.workingDirectory = dir;
    return this;
  }

  public List<Path> classpath() {
    return List.copyOf(classpath);
  }

  /** The full command line, for assertions and failure messages. */
  public List<String> command() {
    List<String> cmd = new ArrayList<>();
    cmd.add(jdk.javaExecutable().toString());
    if (defaultJvmArgs) {
      cmd.addAll(DEFAULT_JVM_ARGS);
    }
    cmd.addAll(jvmArgs);
    if (agentJar != null) {
      cmd.add("-javaagent:" + agentJar + (agentArgs == null ? "" : "=" + agentArgs));
    }
    systemProperties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
    cmd.add("-cp");
    cmd.add(ChildClasspath.join(classpath()));
    cmd.add(mainClass.getName());
    cmd.addAll(args);
    return cmd;
  }

  /** Starts the JVM and returns at once. */
  public RunningJvm start() {
    ChildClasspath.requireNoAgentClasses(classpath());
    List<String> cmd = command();
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> childEnv = pb.environment();
    Map<String, String> inherited = new LinkedHashMap<>(childEnv);
    childEnv.clear(); // no stray OTEL_*, JAVA_TOOL_OPTIONS or API keys from the build machine
    for (String name : INHERITED_ENV) {
      if (inherited.containsKey(name)) {
        childEnv.put(name, inherited.get(name));
      }
    }
    childEnv.putAll(env);
    if (workingDirectory != null) {
      pb.directory(workingDirectory.toFile());
    }
    PrintStream echo = Boolean.getBoolean(ECHO_PROPERTY) ? System.out : null;
    try {
      return new RunningJvm(pb.start(), cmd, echo);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + cmd, e);
    }
  }

  /** Starts the JVM and waits for it to exit; kills it past the timeout. */
  public JvmResult run() {
    try (RunningJvm jvm = start()) {
      return jvm.awaitExit(timeout);
    }
  }

  /** The shaded agent jar the reactor built; fails clearly when it was not built. */
  public static Path builtAgentJar() {
    String configured = System.getProperty(AGENT_JAR_PROPERTY);
    List<Path> candidates = new ArrayList<>();
    if (configured != null) {
      candidates.add(Path.of(configured));
    }
    Path cwd = Path.of("").toAbsolutePath();
    candidates.add(cwd.resolve("../agent/target/llm-cost-agent.jar"));
    candidates.add(cwd.resolve("agent/target/llm-cost-agent.jar"));
    for (Path c : candidates) {
      if (Files.isRegularFile(c)) {
        try {
          return c.toRealPath();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    throw new IllegalStateException("agent jar not found at " + candidates
        + ": build it first (mvn -pl it-tests -am verify builds it before these tests)");
  }
}
