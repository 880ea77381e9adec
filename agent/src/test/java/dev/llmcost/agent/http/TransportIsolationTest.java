package dev.llmcost.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.commons.ClassRemapper;
import net.bytebuddy.jar.asm.commons.Remapper;
import org.junit.jupiter.api.Test;

/**
 * The rule that lets the agent run next to any copy of an HTTP library: helper classes (defined in
 * the application's loader) use only the JDK, the library and the bootstrap classes, and the rest
 * of the agent never names the library or the helpers (which its own loader may not be able to
 * link). Checked on the compiled classes.
 */
class TransportIsolationTest {
  private static final String HELPERS = "dev/llmcost/agent/http/apache/helpers/";
  private static final String BODY = "dev/llmcost/agent/http/body/";
  private static final String BOOTSTRAP = "dev/llmcost/bootstrap/";
  private static final String APACHE = "org/apache/hc/";
  private static final String NETTY_HELPERS = "dev/llmcost/agent/http/netty/helpers/";
  private static final String REACTOR_HELPERS = "dev/llmcost/agent/http/netty/reactor/";
  private static final String NETTY = "io/netty/";
  private static final String REACTOR = "reactor/";
  private static final String REACTIVE_STREAMS = "org/reactivestreams/";

  @Test
  void apacheHelpersUseOnlyTheJdkTheLibraryAndTheBootstrapClasses() throws Exception {
    assertEquals(List.of(), violations(HELPERS, List.of("java/", APACHE, BOOTSTRAP, HELPERS, BODY)));
  }

  @Test
  void nettyHelpersUseOnlyTheJdkNettyAndTheBootstrapClasses() throws Exception {
    assertEquals(List.of(), violations(NETTY_HELPERS, List.of("java/", NETTY, BOOTSTRAP, NETTY_HELPERS, BODY)));
  }

  @Test
  void reactorNettyHelpersUseOnlyTheJdkReactorNettyAndTheBootstrapClasses() throws Exception {
    assertEquals(List.of(), violations(REACTOR_HELPERS,
        List.of("java/", REACTOR, REACTIVE_STREAMS, NETTY, BOOTSTRAP, REACTOR_HELPERS)));
  }

  @Test
  void bodyStreamsUseOnlyTheJdkAndTheBootstrapClasses() throws Exception {
    assertEquals(List.of(), violations(BODY, List.of("java/", BOOTSTRAP, BODY)));
  }

  @Test
  void theRestOfTheAgentNeverNamesTheLibraryNorItsHelpers() throws Exception {
    List<String> found = new ArrayList<>();
    for (Path file : classFiles()) {
      String name = internalName(file);
      if (name.startsWith(HELPERS) || name.startsWith(NETTY_HELPERS)
          || name.startsWith(REACTOR_HELPERS)) {
        continue;
      }
      for (String ref : references(file)) {
        if (ref.startsWith(APACHE) || ref.startsWith(HELPERS) || ref.startsWith(NETTY)
            || ref.startsWith(NETTY_HELPERS) || ref.startsWith(REACTOR)
            || ref.startsWith(REACTOR_HELPERS)) {
          found.add(name + " -> " + ref);
        }
      }
    }
    assertEquals(List.of(), found);
  }

  private static List<String> violations(String pkg, List<String> allowed) throws IOException {
    List<String> found = new ArrayList<>();
    int checked = 0;
    for (Path file : classFiles()) {
      String name = internalName(file);
      if (!name.startsWith(pkg)) {
        continue;
      }
      checked++;
      for (String ref : references(file)) {
        if (allowed.stream().noneMatch(ref::startsWith)) {
          found.add(name + " -> " + ref);
        }
      }
    }
    assertTrue(checked > 0, "no classes under " + pkg);
    return found;
  }

  private static Path classesRoot() {
    try {
      return Path.of(TrackedLlmCall.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Path> classFiles() throws IOException {
    try (Stream<Path> files = Files.walk(classesRoot())) {
      return files.filter(p -> p.toString().endsWith(".class")).sorted().toList();
    }
  }

  private static String internalName(Path file) {
    String relative = classesRoot().relativize(file).toString().replace('\\', '/');
    return relative.substring(0, relative.length() - ".class".length());
  }

  /** Every type a class file names: supertypes, fields, signatures, instructions, constants. */
  private static Set<String> references(Path file) throws IOException {
    Set<String> names = new TreeSet<>();
    Remapper recorder = new Remapper() {
      @Override
      public String map(String internalName) {
        names.add(internalName);
        return internalName;
      }
    };
    new ClassReader(Files.readAllBytes(file)).accept(new ClassRemapper(new ClassWriter(0), recorder), 0);
    return names;
  }
}
