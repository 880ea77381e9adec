package dev.llmcost.it.apps;

import java.lang.management.ManagementFactory;
import java.util.TreeMap;

/**
 * Prints what a child JVM was given, one {@code key=value} per line: class path, Java version, JVM
 * arguments, its environment's names, the system properties named in {@code args}, and the args.
 */
public final class JvmFactsApp {

  public static void main(String[] args) {
    System.out.println("java.class.path=" + System.getProperty("java.class.path"));
    System.out.println("java.specification.version=" + System.getProperty("java.specification.version"));
    System.out.println("jvm.args=" + ManagementFactory.getRuntimeMXBean().getInputArguments());
    System.out.println("env.names=" + new TreeMap<>(System.getenv()).keySet());
    for (String name : new TreeMap<>(System.getenv()).keySet()) {
      if (name.startsWith("OTEL_") || name.startsWith("PROBE_")) {
        System.out.println("env." + name + "=" + System.getenv(name));
      }
    }
    for (String arg : args) {
      System.out.println("arg=" + arg);
      if (System.getProperty(arg) != null) {
        System.out.println("prop." + arg + "=" + System.getProperty(arg));
      }
    }
  }
}
