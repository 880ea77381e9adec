package dev.llmcost.agent;

/**
 * Names of application classes in packages the agent jar also ships, relocated ({@code okhttp3},
 * {@code okio}, {@code kotlin}, {@code io.opentelemetry}). The shade plugin rewrites every string
 * constant that starts with a relocated package, so such a name written as one literal would name
 * the agent's private copy in the built jar. Joined at run time from parts the plugin leaves
 * alone, it keeps naming the application's class.
 */
public final class AppClassNames {
  private AppClassNames() {}

  /** {@code join("ok", "http3.Call")} is {@code "okhttp3.Call"}, in the shaded jar too. */
  public static String join(String head, String tail) {
    return head.concat(tail);
  }
}
