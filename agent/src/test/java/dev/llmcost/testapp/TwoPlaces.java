package dev.llmcost.testapp;

/**
 * Application code outside the agent's packages, so that calls made through it have a call site
 * of their own: two methods, two sites.
 */
public final class TwoPlaces {
  private TwoPlaces() {}

  public interface Call {
    void run() throws Exception;
  }

  public static void summarize(Call call) throws Exception {
    call.run();
  }

  public static void translate(Call call) throws Exception {
    call.run();
  }
}
