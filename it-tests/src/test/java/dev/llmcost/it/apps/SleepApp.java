package dev.llmcost.it.apps;

/**
 * Prints {@code sleeping}, then sleeps for {@code args[0]} seconds; a shutdown hook prints
 * {@code shutdown hook ran}. For the harness's own timeout and termination tests.
 */
public final class SleepApp {

  public static void main(String[] args) throws InterruptedException {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("shutdown hook ran")));
    System.out.println("sleeping");
    System.out.flush();
    Thread.sleep(Long.parseLong(args[0]) * 1000);
  }
}
