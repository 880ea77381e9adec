package dev.llmcost.examples;

import java.util.stream.Stream;

/** A streamed answer read to its end; usage arrives in the last chunk. */
final class StreamExample {
  private StreamExample() {}

  static void run(LlmClient client) {
    try (Stream<String> lines = client.stream("gpt-4o", "Write a haiku about invoices.", "chunks=12")) {
      long events = lines.filter(l -> l.startsWith("data:")).count();
      System.out.println("read " + events + " stream events");
    }
  }
}
