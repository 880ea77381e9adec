package dev.llmcost.examples;

import dev.llmcost.fake.FakeProvider;
import dev.llmcost.fake.FakeUsage;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs the examples against a fake provider started in this JVM (no API key, no network), or
 * against the real provider whose API key is set (see {@link Providers}).
 * Run it under the agent and read what the agent reports at exit:
 * {@code java -javaagent:agent/target/llm-cost-agent.jar -jar examples/target/llm-cost-examples.jar [example]}.
 */
public final class Demo {
  private static final Map<String, Consumer<LlmClient>> EXAMPLES = Map.ofEntries(
      Map.entry("chat", ChatExample::run),
      Map.entry("stream", StreamExample::run),
      Map.entry("upfront-firing", UpfrontFiringExample::run),
      Map.entry("upfront-firing-pool", PoolUpfrontFiringExample::run),
      Map.entry("lazy-creation", LazyCreationExample::run),
      Map.entry("prompt-caching", PromptCachingExample::run),
      Map.entry("stream-stopped-early", StreamStoppedEarlyExample::run),
      Map.entry("official-sdks", OfficialSdksExample::run),
      Map.entry("burst", BurstExample::burst),
      Map.entry("semaphore", BurstExample::semaphore),
      Map.entry("graceful-shutdown", GracefulShutdownExample::run));
  private static final String[] TOUR =
      {"chat", "stream", "prompt-caching", "upfront-firing", "lazy-creation", "stream-stopped-early"};

  public static void main(String[] args) throws Exception {
    String[] chosen = args.length > 0 ? args : TOUR;
    try (FakeProvider provider = FakeProvider.start()) {
      provider.setUsage(FakeUsage.of(1200, 180));
      LlmClient client = new LlmClient(Providers.from(provider.baseUrl()));
      for (String name : chosen) {
        Consumer<LlmClient> example = EXAMPLES.get(name);
        if (example == null) {
          System.out.println("unknown example " + name + "; choose from " + EXAMPLES.keySet());
          System.exit(2);
        }
        System.out.println("== " + name);
        provider.clear();
        example.accept(client);
        if (name.equals("burst") || name.equals("semaphore")) {
          System.out.println("the fake provider saw at most " + provider.maxConcurrentRequests()
              + " requests at once");
        }
      }
      Thread.sleep(700); // results dropped by the examples become garbage; let the agent see it
      System.gc();
      Thread.sleep(300);
    }
    System.out.println("== done: the agent's report follows (on stderr)");
  }
}
