package dev.llmcost.it.bench.apps;

import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.HttpResponse.BodyHandlers;

/**
 * A small application for the start-up benchmark: prints the wall clock as main starts and once
 * its first LLM call has returned, then exits. The driver noted the clock just before launching.
 */
public final class StartupApp {
  private StartupApp() {}

  public static void main(String[] args) throws Exception {
    long atMain = System.currentTimeMillis();
    HttpClient client = BenchRequests.newClient();
    String body = client.send(new BenchRequests(args[0]).chatJson, BodyHandlers.ofString()).body();
    long afterFirstCall = System.currentTimeMillis();
    if (!body.contains("usage")) {
      throw new IllegalStateException("unexpected answer: " + body);
    }
    System.out.println("main-ms " + atMain);
    System.out.println("first-call-ms " + afterFirstCall);
    System.out.println("classes " + ManagementFactory.getClassLoadingMXBean().getLoadedClassCount());
  }
}
