package dev.llmcost.it.apps;

import java.time.Duration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@link OkHttpSpendApp}'s spend with Spring's WebClient (Reactor Netty): five calls in a row
 * (gpt-4o, 1000 input and 200 output tokens: $0.0045 each), printing how each ended and, for a
 * failure, the exception the application got and its innermost cause. Usage:
 * {@code WebClientSpendApp <provider-base-url>}.
 */
public final class WebClientSpendApp {
  public static void main(String[] args) {
    WebClient web = WebClient.create(args[0]);
    for (int i = 1; i <= 5; i++) {
      try {
        web.post().uri("/v1/chat/completions")
            .contentType(MediaType.APPLICATION_JSON)
            .header("x-fake-behaviour", "input=1000; output=200")
            .bodyValue(LlmBodies.openAi("gpt-4o", false))
            .retrieve().bodyToMono(String.class).block(Duration.ofSeconds(20));
        System.out.println("### call " + i + " 200");
      } catch (RuntimeException e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
          cause = cause.getCause();
        }
        System.out.println("### call " + i + " failed " + e.getClass().getName() + " caused by "
            + cause.getClass().getName() + ": " + cause.getMessage());
      }
    }
  }
}
