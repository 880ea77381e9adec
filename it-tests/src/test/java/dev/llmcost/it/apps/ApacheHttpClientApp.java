package dev.llmcost.it.apps;

/**
 * An application that uses both of Apache HttpClient 5's clients, classic then async (one JVM for
 * both keeps the integration tests quick). Usage: {@code ApacheHttpClientApp <base-url>}.
 */
public final class ApacheHttpClientApp {
  public static void main(String[] args) throws Exception {
    ApacheClassicApp.run(args[0]);
    ApacheAsyncApp.run(args[0]);
    System.out.println("### done");
  }
}
