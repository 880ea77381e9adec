package dev.llmcost.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The waste the agent exists to show: every check is started up front, and the method returns at
 * the first failure. The other calls still run, are billed, and nobody reads them. The agent
 * reports them as abandoned, with their cost, and names this method.
 */
final class UpfrontFiringExample {
  private UpfrontFiringExample() {}

  static void run(LlmClient client) {
    System.out.println("all documents valid: " + validate(client, 6));
  }

  static boolean validate(LlmClient client, int documents) {
    List<CompletableFuture<String>> checks = new ArrayList<>();
    for (int i = 0; i < documents; i++) {
      checks.add(client.chatAsync("gpt-4o", "Is clause " + i + " of this contract compliant?"));
    }
    for (CompletableFuture<String> check : checks) {
      if (!check.join().contains("yes")) { // the fake's answers never say yes
        return false;
      }
    }
    return true;
  }
}
