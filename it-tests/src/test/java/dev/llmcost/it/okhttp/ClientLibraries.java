package dev.llmcost.it.okhttp;

import dev.llmcost.it.harness.AgentJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The client library sets the OkHttp and SDK tests' child JVMs run with, each putting only what
 * that library needs on the child's class path. The newest versions come from this module's test
 * class path; the others from {@code target/it-libs} (the it-tests pom copies them there, under
 * these versions), because one class path holds one version of each artifact.
 */
record ClientLibraries(String name, UnaryOperator<AgentJvm> classpath) {

  static final String OKHTTP_4 = "4.12.0";
  static final String OPENAI_OLDER = "2.20.1";
  static final String ANTHROPIC_OLDER = "2.11.1";
  /** Set by the it-tests pom: the spring-ai-app module's jar. */
  static final String SPRING_AI_APP_PROPERTY = "llmcost.it.springai.app";

  /** The jars that name what a run tests, e.g. okhttp-jvm-5.5.1 or openai-java-4.101.0. */
  private static final Pattern TESTED = Pattern.compile("(okhttp(-jvm)?|openai-java|anthropic-java)-\\d.*\\.jar");

  private static final String[] KOTLIN_AND_OKIO = {"okio-jvm-", "kotlin-stdlib-"};
  private static final String[] SDK_DEPENDENCIES = {"okio-jvm-", "kotlin-", "jackson-"};

  static List<ClientLibraries> okHttp() {
    return List.of(
        new ClientLibraries("OkHttp 4",
            jvm -> withDirectory(jvm, "okhttp-" + OKHTTP_4).withLibraries(KOTLIN_AND_OKIO)),
        new ClientLibraries("OkHttp 5",
            jvm -> jvm.withLibraries("okhttp-jvm-").withLibraries(KOTLIN_AND_OKIO)));
  }

  /** Both SDKs at their newest, then both at an older version still widely used. */
  static List<ClientLibraries> officialSdks() {
    return List.of(
        new ClientLibraries("the newest SDKs",
            // anthropic-java 3 records its own OpenTelemetry data through the API it declares
            jvm -> sdk(jvm.withLibraries("openai-java-", "anthropic-java-", "standardwebhooks-",
                "opentelemetry-api-", "opentelemetry-context-", "opentelemetry-common-"))),
        new ClientLibraries("older SDKs",
            jvm -> olderSdk(withDirectory(withDirectory(jvm, "openai-java-" + OPENAI_OLDER),
                "anthropic-java-" + ANTHROPIC_OLDER))));
  }

  /**
   * Google's Gen AI SDK and what an API-key client of it loads, on the OkHttp 4 it declares (its
   * Google auth and HTTP libraries are linked by the client's classes, not called).
   */
  static ClientLibraries googleGenAi() {
    return new ClientLibraries("Google Gen AI SDK", jvm -> sdk(jvm.withLibraries("google-genai-",
        "google-auth-library-", "google-http-client-", "guava-", "failureaccess-", "api-common-",
        "gson-", "protobuf-java-", "opencensus-", "grpc-context-", "grpc-api-", "httpclient-4",
        "httpcore-4", "commons-codec-", "jspecify-")));
  }

  /**
   * Spring AI's runtime libraries as its own module resolves them (spring-ai-app, whose jar the
   * it-tests pom names in {@value #SPRING_AI_APP_PROPERTY}; its dependencies are in {@code lib}
   * beside it): Spring AI 2.0.1 with openai-java-core 4.49.0, anthropic-java-core 2.52.0 and
   * OkHttp 4.12.0, none of them from this class path.
   */
  static ClientLibraries springAi() {
    Path libs = springAiApp().resolveSibling("lib");
    return new ClientLibraries("Spring AI", jvm -> {
      try (Stream<Path> jars = Files.list(libs)) {
        jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(jvm::classpathEntry);
      } catch (IOException e) {
        throw new UncheckedIOException(libs + " is missing: build it-tests/spring-ai-app first", e);
      }
      return jvm;
    });
  }

  /**
   * A main class of the spring-ai-app module, loaded (not initialised) from its jar by a loader of
   * its own whose parent is the platform loader: the child JVM is told its name and the jar it
   * comes from; the application and its libraries never reach this class path.
   */
  static Class<?> springAiAppClass(String name) {
    Path jar = springAiApp();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build it-tests/spring-ai-app first");
    }
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
        ClassLoader.getPlatformClassLoader())) {
      return Class.forName(name, false, loader); // its name and jar outlive the loader
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(name + " is not in " + jar, e);
    }
  }

  /** The spring-ai-app module's jar (its main classes). */
  static Path springAiApp() {
    return Path.of(System.getProperty(SPRING_AI_APP_PROPERTY, "spring-ai-app/target/spring-ai-app.jar"));
  }

  /** The older SDKs also declare OkHttp's logging interceptor. */
  private static AgentJvm olderSdk(AgentJvm jvm) {
    return sdk(withDirectory(jvm, "logging-interceptor-" + OKHTTP_4));
  }

  /** What both SDKs run on: OkHttp 4 (as they declare it), okio, Kotlin and Jackson. */
  private static AgentJvm sdk(AgentJvm jvm) {
    return withDirectory(jvm, "okhttp-" + OKHTTP_4).withLibraries(SDK_DEPENDENCIES);
  }

  /** Adds the jars of {@code target/it-libs/<dir>}. */
  private static AgentJvm withDirectory(AgentJvm jvm, String dir) {
    Path libs = Path.of(System.getProperty("llmcost.it.libs", "target/it-libs")).resolve(dir);
    try (Stream<Path> jars = Files.list(libs)) {
      jars.filter(p -> p.toString().endsWith(".jar"))
          .sorted()
          .forEach(jvm::classpathEntry);
    } catch (IOException e) {
      throw new UncheckedIOException(libs + " is missing: run the it-tests module's build "
          + "(generate-test-resources copies it there)", e);
    }
    return jvm;
  }

  /** The tested libraries' jars on this child's class path, e.g. "okhttp-4.12.0". */
  static String testedOn(AgentJvm jvm) {
    return jvm.classpath().stream()
        .map(p -> p.getFileName().toString())
        .filter(n -> TESTED.matcher(n).matches())
        .map(n -> n.substring(0, n.length() - 4))
        .collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return name;
  }
}
