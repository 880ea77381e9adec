package dev.llmcost.it.apps;

import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;

/**
 * A second {@code -javaagent} that behaves as type-matching agents do (the OpenTelemetry Java
 * agent among them): when a class of the JDK's {@code jrt:} URL handler loads, or any class that
 * the LLM cost agent's start-up thread loads, its transformer reads a JDK class file through a
 * {@code jrt:} URL. If that class is being loaded by another agent's thread at that moment, the
 * JVM fails the read with {@code ClassCircularityError} and keeps failing every later {@code jrt:}
 * read in the process (JDK-8164165).
 */
public final class JrtReadingAgent {
  private JrtReadingAgent() {}

  public static void premain(String args, Instrumentation inst) {
    inst.addTransformer(new ClassFileTransformer() {
      @Override
      public byte[] transform(ClassLoader loader, String name, Class<?> type, ProtectionDomain domain,
          byte[] bytes) {
        // Only then: reading at every class load would make this agent load the URL classes
        // itself, first, on its own thread, and hide the race.
        if (name != null && (name.startsWith("sun/net/www/protocol/jrt/")
            || Thread.currentThread().getName().startsWith("llm-cost-agent"))) {
          try (InputStream in = ClassLoader.getSystemResource("java/lang/Object.class").openStream()) {
            in.read();
          } catch (Throwable t) {
            System.err.println("### jrt-reading agent: reading a class file while " + name
                + " loaded failed: " + t);
          }
        }
        return null;
      }
    });
    System.out.println("### jrt-reading agent installed");
  }
}
