package dev.llmcost.it.apps;

/**
 * Runs {@link OpenAiSdkApp} and then {@link AnthropicSdkApp} in one JVM, as an application using
 * both SDKs would (one JVM start instead of two per test run).
 * Usage: {@code OfficialSdksApp <provider-base-url>}.
 */
public final class OfficialSdksApp {
  public static void main(String[] args) {
    OpenAiSdkApp.main(new String[] {args[0] + "/v1"});
    AnthropicSdkApp.main(new String[] {args[0]});
  }
}
